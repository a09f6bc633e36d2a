/**
 * The one error the pricing engine throws for input it cannot price. `field` says where the bad value is (a path in
 * the quote input or in the rule payload, e.g. `attributes.age`, `quantity`, `plans[0].rule.tiers`), `message` says
 * why in French, and `code` is stable for clients to switch on. It maps one-to-one onto an RFC 9457 field error.
 */
export type PricingErrorCode =
  | 'invalid_input'
  | 'invalid_rule'
  | 'unknown_plan'
  | 'unknown_option'
  | 'missing_attribute'
  | 'invalid_attribute'
  | 'no_matching_row'
  | 'missing_index'
  | 'invalid_expression'
  | 'invalid_promotion_code'
  | 'missing_component'
  | 'currency_mismatch'
  | 'out_of_range';

export interface PricingFieldError {
  field: string;
  message: string;
  code: PricingErrorCode;
}

/** Shows an untrusted value in a message without ever calling its own `toString` (40 characters at most). */
export function display(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'une liste' : 'un objet';
}

export class PricingError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: PricingErrorCode = 'invalid_input',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PricingError';
  }

  toFieldError(): PricingFieldError {
    return { field: this.field, message: this.message, code: this.code };
  }
}
