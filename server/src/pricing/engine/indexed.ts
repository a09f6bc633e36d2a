/**
 * Indexed prices: a formula (expression.ts) over the rule's variables, the value of its index taken from the quote's
 * `indices`, and the quantity. The formula gives a unit price in minor units, rounded half-up to the cent.
 */
import type { Decimal } from 'decimal.js';
import { ExpressionError, evaluateExpression, type VariableValue } from './expression.ts';
import { PricingError } from './errors.ts';
import { parseDecimal, roundHalfUp } from './money.ts';
import type { IndexedRule } from './rules.ts';

export interface IndexedPrice {
  /** The formula's exact result. */
  exact: Decimal;
  /** Rounded half-up to the cent. */
  unitAmount: number;
  indexValue: Decimal;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function priceIndexed(
  rule: Pick<IndexedRule, 'formula' | 'variables' | 'index'>,
  indices: Readonly<Record<string, string>> | undefined,
  quantity: number,
  field = 'rule',
): IndexedPrice {
  const raw = indices && Object.hasOwn(indices, rule.index) ? indices[rule.index] : undefined;
  if (raw === undefined) {
    throw new PricingError(`indices.${rule.index}`, `La valeur de l’indice « ${rule.index} » est requise pour ce tarif.`, 'missing_index');
  }
  const indexValue = parseDecimal(raw, `indices.${rule.index}`);
  const variables: Record<string, VariableValue> = { ...rule.variables, index: indexValue, quantity };
  if (IDENTIFIER.test(rule.index)) variables[rule.index] = indexValue;
  let exact: Decimal;
  try {
    exact = evaluateExpression(rule.formula, variables);
  } catch (error) {
    if (error instanceof ExpressionError) {
      throw new PricingError(`${field}.formula`, `Formule de prix : ${error.message}.`, 'invalid_expression', { cause: error });
    }
    throw error;
  }
  if (exact.isNegative() && !exact.isZero()) {
    throw new PricingError(`${field}.formula`, `La formule donne un prix négatif (${exact.toFixed(2)} centimes).`, 'invalid_expression');
  }
  return { exact, unitAmount: roundHalfUp(exact, `${field}.formula`), indexValue };
}
