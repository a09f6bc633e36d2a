/**
 * The one error the commission engine throws for a scheme or facts it cannot compute. `field` is a path in the input
 * (`scheme.split`, `scheme.tiers.tiers[1].from`, `sales[3].at`), `message` says why in French, `code` is stable.
 */
export type CommissionErrorCode = 'invalid_scheme' | 'invalid_fact' | 'invalid_input' | 'out_of_range';

export class CommissionError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: CommissionErrorCode = 'invalid_input',
  ) {
    super(message);
    this.name = 'CommissionError';
  }

  toFieldError(): { field: string; message: string; code: CommissionErrorCode } {
    return { field: this.field, message: this.message, code: this.code };
  }
}
