import { Select } from '@mantine/core';
import { fieldErrorsOf } from '../../components/formErrors.tsx';
import { type RefundReason, refundReasons } from '../../paymentsApi.ts';
import { maximumOf } from './paymentForms.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

// What the refund modal and the credit-note modal share: both send money back to the card through the same
// server rule (at most what the payment still holds) and ask for the same reasons.

/** The reasons a refund may give (Stripe's list), translated. */
export function RefundReasonSelect({ label, value, onChange }: { label: string; value: RefundReason | null; onChange: (reason: RefundReason | null) => void }) {
  const code = useCodeLabel();
  return <Select label={label} data={refundReasons.map((r) => ({ value: r, label: code('refund.reason', r) }))} value={value} onChange={(v) => onChange(v as RefundReason | null)} clearable />;
}

/**
 * The server's refusals that belong on the amount field (the amount, or the payment it would go to), with its
 * « maximum 4000 » turned into money by `formatMax`.
 */
export function amountRefusals(error: unknown, formatMax: (max: number) => string): string[] {
  const fields = fieldErrorsOf(error);
  return [...(fields.amount ?? []), ...(fields.paymentId ?? [])].map((message) => {
    const maximum = maximumOf(message);
    return maximum === null ? message : formatMax(maximum);
  });
}
