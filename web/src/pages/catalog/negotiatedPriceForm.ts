import type { NegotiatedPrice, NegotiatedPriceInput } from '../../catalogApi.ts';
import type { MessageKey } from '../../i18n/fr.ts';
import { dayInZone } from '../../i18n/format.ts';
import { centsToInput, parseAmountToCents } from '../../money.ts';

// The negotiated price form: text as typed, turned into the API body only once it checks out.
// Validity bounds are calendar days (YYYY-MM-DD) in the company's time zone, both inclusive.

export interface NegotiatedPriceForm {
  customerRef: string;
  /** null: every plan. */
  planCode: string | null;
  amount: string;
  validFrom: string;
  validTo: string;
}

export type NegotiatedPriceField = keyof NegotiatedPriceForm;

export const emptyNegotiatedPriceForm = (): NegotiatedPriceForm => ({ customerRef: '', planCode: null, amount: '', validFrom: '', validTo: '' });

export function negotiatedPriceToForm(price: NegotiatedPrice, timeZone: string): NegotiatedPriceForm {
  return {
    customerRef: price.customerRef,
    planCode: price.planCode,
    amount: centsToInput(price.amount),
    validFrom: price.validFrom ? dayInZone(price.validFrom, timeZone) : '',
    validTo: price.validTo ? dayInZone(price.validTo, timeZone) : '',
  };
}

/** What the form refuses before sending, by field, as message keys. */
export function negotiatedPriceFormErrors(form: NegotiatedPriceForm): Partial<Record<NegotiatedPriceField, MessageKey>> {
  const errors: Partial<Record<NegotiatedPriceField, MessageKey>> = {};
  if (!form.customerRef.trim()) errors.customerRef = 'wizard.error.required';
  if (parseAmountToCents(form.amount) === null) errors.amount = 'wizard.error.amount';
  if (form.validFrom && form.validTo && form.validTo < form.validFrom) errors.validTo = 'negotiated.error.validTo';
  return errors;
}

/** The API body; call only when the form has no errors. */
export function negotiatedPriceFormToInput(form: NegotiatedPriceForm): NegotiatedPriceInput {
  const amount = parseAmountToCents(form.amount);
  if (amount === null) throw new Error('negotiatedPriceFormToInput: the amount was not checked');
  return { customerRef: form.customerRef.trim(), planCode: form.planCode || null, amount, validFrom: form.validFrom || null, validTo: form.validTo || null };
}

export type AgreementState = 'upcoming' | 'active' | 'ended';

/** Where an agreement stands on `today` (YYYY-MM-DD in the company's zone). */
export function agreementState(price: Pick<NegotiatedPrice, 'validFrom' | 'validTo'>, today: string, timeZone: string): AgreementState {
  if (price.validFrom && dayInZone(price.validFrom, timeZone) > today) return 'upcoming';
  if (price.validTo && dayInZone(price.validTo, timeZone) < today) return 'ended';
  return 'active';
}
