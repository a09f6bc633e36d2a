import type { FormDefinition, FormField, FormSection } from './journey-definition.ts';

/**
 * The questionnaire's rules, used by the server on every save and submit (the web page shows the same messages):
 * which fields are visible given the answers, and what is wrong with a value. Pure.
 */

export type Answers = Record<string, unknown>;
export interface FieldError {
  field: string;
  message: string;
}

type Condition = NonNullable<FormField['visibleIf']>;

export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  const value = answers[condition.field];
  if (condition.equals !== undefined) return value === condition.equals;
  if (condition.in) return typeof value === 'string' && condition.in.includes(value);
  return value !== undefined && value !== null && value !== '' && value !== false;
}

export function visibleSections(form: FormDefinition, answers: Answers): FormSection[] {
  return form.sections.filter((section) => conditionHolds(section.visibleIf, answers));
}

export function visibleFields(form: FormDefinition, answers: Answers): FormField[] {
  return visibleSections(form, answers).flatMap((section) => section.fields.filter((field) => conditionHolds(field.visibleIf, answers)));
}

export function allFields(form: FormDefinition): FormField[] {
  return form.sections.flatMap((s) => s.fields);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ().-]{6,20}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || value === false;
}

/** Whole years between a birth date and a day, both `YYYY-MM-DD` (29 February birthdays turn on 1 March). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

function validDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

/** What is wrong with one value of a field, in French, or null. `today` bounds dates (a birth date is in the past). */
export function fieldError(field: FormField, value: unknown, today: string): string | null {
  if (isEmpty(value)) return field.required ? 'Ce champ est obligatoire.' : null;
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone': {
      if (typeof value !== 'string') return 'Texte attendu.';
      const limit = field.maxLength ?? (field.type === 'textarea' ? 4000 : 200);
      if (value.length > limit) return `${limit} caractères au plus.`;
      if (field.type === 'email' && !EMAIL.test(value.trim())) return 'Adresse e-mail invalide.';
      if (field.type === 'phone' && !PHONE.test(value.trim())) return 'Numéro de téléphone invalide.';
      if (field.pattern && !new RegExp(field.pattern).test(value)) return field.patternMessage ?? 'Format invalide.';
      return null;
    }
    case 'date': {
      if (typeof value !== 'string' || !validDate(value)) return 'Date invalide (AAAA-MM-JJ).';
      if (value > today) return 'La date ne peut pas être dans le futur.';
      const age = ageOn(value, today);
      if (field.min !== undefined && age < field.min) return `Âge minimum : ${field.min} ans.`;
      if (field.max !== undefined && age > field.max) return `Âge maximum : ${field.max} ans.`;
      return null;
    }
    case 'integer':
    case 'money': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'Nombre entier attendu.';
      if (field.min !== undefined && value < field.min) return `Au moins ${field.min}.`;
      if (field.max !== undefined && value > field.max) return `Au plus ${field.max}.`;
      return null;
    }
    case 'select':
    case 'radio': {
      if (typeof value !== 'string' || !(field.options ?? []).some((o) => o.value === value)) return 'Choix invalide.';
      return null;
    }
    case 'multiselect': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !(field.options ?? []).some((o) => o.value === v))) return 'Choix invalide.';
      if (new Set(value).size !== value.length) return 'Choix en double.';
      return null;
    }
    case 'checkbox':
      return typeof value === 'boolean' ? null : 'Case à cocher attendue.';
  }
}

/**
 * Errors of a set of answers. `partial` (autosave while the prospect types) checks only the values given and ignores
 * missing required ones; a submit checks every visible field. Answers to unknown fields are refused either way.
 */
export function validateAnswers(form: FormDefinition, answers: Answers, options: { partial: boolean; today: string }): FieldError[] {
  const known = new Map(allFields(form).map((f) => [f.id, f]));
  const errors: FieldError[] = [];
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) errors.push({ field: key, message: 'Champ inconnu.' });
  }
  const visible = new Set(visibleFields(form, answers).map((f) => f.id));
  for (const field of known.values()) {
    const value = answers[field.id];
    if (options.partial) {
      if (value === undefined || isEmpty(value)) continue;
    } else if (!visible.has(field.id)) continue;
    const message = fieldError(field, value, options.today);
    if (message) errors.push({ field: field.id, message });
  }
  return errors;
}

/** The answers kept on submit: only visible fields (a hidden branch's answers are dropped, not silently priced). */
export function keptAnswers(form: FormDefinition, answers: Answers): Answers {
  const kept: Answers = {};
  for (const field of visibleFields(form, answers)) if (answers[field.id] !== undefined) kept[field.id] = answers[field.id];
  return kept;
}

/** Share of the visible required fields answered, 0–100 (the progress bar of the public page). */
export function completion(form: FormDefinition, answers: Answers): number {
  const required = visibleFields(form, answers).filter((f) => f.required);
  if (required.length === 0) return 100;
  const done = required.filter((f) => !isEmpty(answers[f.id])).length;
  return Math.floor((done * 100) / required.length);
}

/** Fields mapped onto the prospect record (name, email, phone, client type). */
export function mappedColumns(form: FormDefinition, answers: Answers): Partial<Record<'name' | 'email' | 'phone' | 'clientType', string>> {
  const columns: Partial<Record<'name' | 'email' | 'phone' | 'clientType', string>> = {};
  const parts: Record<string, string[]> = {};
  for (const field of allFields(form)) {
    const value = answers[field.id];
    if (!field.mapsTo || typeof value !== 'string' || value.trim() === '') continue;
    parts[field.mapsTo] = [...(parts[field.mapsTo] ?? []), value.trim()];
  }
  for (const [key, values] of Object.entries(parts)) columns[key as keyof typeof columns] = key === 'name' ? values.join(' ') : values[0]!;
  return columns;
}
