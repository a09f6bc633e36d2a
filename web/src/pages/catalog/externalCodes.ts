import type { ExternalMapping } from '../../catalogApi.ts';
import type { MessageKey } from '../../i18n/fr.ts';

// The product's codes in other systems, one per system: the list is replaced as a whole.

export type ExternalCodeField = 'system' | 'externalCode';

/** Why a new code cannot be added to `current`, by field (systems compared without case, as the server does). */
export function newExternalCodeErrors(current: readonly ExternalMapping[], system: string, externalCode: string): Partial<Record<ExternalCodeField, MessageKey>> {
  const errors: Partial<Record<ExternalCodeField, MessageKey>> = {};
  if (!system.trim()) errors.system = 'wizard.error.required';
  else if (current.some((m) => m.system.toLowerCase() === system.trim().toLowerCase())) errors.system = 'externalCodes.error.duplicateSystem';
  if (!externalCode.trim()) errors.externalCode = 'wizard.error.required';
  return errors;
}

/** The PUT body: the codes without what the server adds when listing them. */
export function mappingsBody(mappings: readonly ExternalMapping[]): { system: string; externalCode: string }[] {
  return mappings.map(({ system, externalCode }) => ({ system: system.trim(), externalCode: externalCode.trim() }));
}

/**
 * Which field a server error on `body.mappings…` belongs to: the whole list (a duplicate system)
 * and the new row's system go to the system input; the new row's code to the code input.
 */
export function newRowFieldOf(path: string, newIndex: number): ExternalCodeField | null {
  if (path === 'mappings' || path === `mappings.${newIndex}.system` || path === `mappings.${newIndex}`) return 'system';
  if (path === `mappings.${newIndex}.externalCode`) return 'externalCode';
  return null;
}
