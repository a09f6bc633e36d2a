import type { CheckoutLineInput } from '../provider/payment-provider.ts';

interface OrderLineLike {
  description: string;
  quantity: number;
  amountInclTax: number;
}

/**
 * The order's lines as a checkout shows them. A provider charges unit × quantity with non-negative units, so a line
 * whose total does not divide by its quantity (tiered prices) becomes one line of its total, and an order with
 * discount lines (negative) is presented as one line of its total: the customer always pays exactly the order's TTC.
 */
export function checkoutLines(orderNumber: string, lines: readonly OrderLineLike[]): CheckoutLineInput[] {
  const total = lines.reduce((sum, line) => sum + line.amountInclTax, 0);
  if (lines.some((line) => line.amountInclTax < 0)) {
    return [{ description: `Commande ${orderNumber} — ${lines.filter((l) => l.amountInclTax >= 0).map((l) => l.description).join(', ')}`.slice(0, 250), unitAmount: total, quantity: 1 }];
  }
  return lines
    .filter((line) => line.amountInclTax > 0)
    .map((line) =>
      line.amountInclTax % line.quantity === 0
        ? { description: line.description, unitAmount: line.amountInclTax / line.quantity, quantity: line.quantity }
        : { description: `${line.quantity} × ${line.description}`, unitAmount: line.amountInclTax, quantity: 1 },
    );
}
