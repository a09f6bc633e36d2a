import type { DbOrTx } from '../../platform/db/database.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { Services } from '../../platform/services.ts';
import type { RefundInput, RefundRef } from '../provider/payment-provider.ts';
import type { SandboxIntent } from './sandbox-checkout.ts';
import { emitSandboxEvent } from './sandbox-events.ts';
import { findByIdempotencyKey, getObject, putObject, type SandboxObject, sandboxId, sandboxNow, unixSeconds, workspaceOf } from './sandbox-store.ts';

type SandboxCharge = SandboxObject & { amount: number; amount_refunded: number; refunded: boolean };

/** Refunds part or all of a charge and emits `charge.refunded` with the cumulative refunded amount, as Stripe does. */
export async function refundSandboxCharge(tx: DbOrTx, services: Services, input: RefundInput): Promise<RefundRef> {
  const existing = await findByIdempotencyKey<SandboxObject & { status: RefundRef['status'] }>(tx, 'refund', input.idempotencyKey);
  if (existing) return { id: existing.id, status: existing.status };
  const intent = await getObject<SandboxIntent>(tx, input.paymentIntentId);
  const charge = intent?.latest_charge ? await getObject<SandboxCharge>(tx, intent.latest_charge, true) : undefined;
  if (!charge) throw new ProblemError('unprocessable', `Nothing was charged on ${input.paymentIntentId}.`, { code: 'charge_missing' });
  if (input.amount <= 0 || charge.amount_refunded + input.amount > charge.amount) {
    throw new ProblemError('unprocessable', 'Le remboursement dépasse le montant restant sur ce paiement.', { errors: [{ field: 'body.amount', message: 'trop élevé' }] });
  }
  const refund = {
    id: sandboxId('re'),
    object: 'refund',
    amount: input.amount,
    charge: charge.id,
    payment_intent: input.paymentIntentId,
    reason: input.reason ?? null,
    status: 'succeeded' as const,
    reverse_transfer: input.reverseTransfer,
    refund_application_fee: input.refundApplicationFee,
    metadata: input.metadata,
    created: unixSeconds(await sandboxNow(tx, services.clock, workspaceOf(input))),
  };
  await putObject(tx, refund, input.idempotencyKey);
  charge.amount_refunded += input.amount;
  charge.refunded = charge.amount_refunded === charge.amount;
  await putObject(tx, charge);
  await emitSandboxEvent(tx, services, 'charge.refunded', charge);
  return { id: refund.id, status: refund.status };
}
