import type { CoverageCode } from './rules/coverages.ts';
import type { ExtractedField, Premium } from './rules/extract-policy-fields.ts';

/** The fields as the extraction found them (stored as JSON; `null` = not found). */
export interface StoredPolicyFields {
  insurer: ExtractedField<string> | null;
  policyNumber: ExtractedField<string> | null;
  premium: ExtractedField<Premium> | null;
  startDate: ExtractedField<string> | null;
  endDate: ExtractedField<string> | null;
  coverageType: ExtractedField<CoverageCode> | null;
  /** Every kind of cover the document mentions. */
  coverages: CoverageCode[];
}

/** The values a person confirmed (possibly corrected); `null` = "not on this policy". */
export interface ConfirmedPolicyFields {
  insurer: string | null;
  policyNumber: string | null;
  premium: Premium | null;
  startDate: string | null;
  endDate: string | null;
  coverageType: CoverageCode | null;
  coverages?: CoverageCode[];
}

export const CONFIRMABLE_FIELDS = ['insurer', 'policyNumber', 'premium', 'startDate', 'endDate', 'coverageType', 'coverages'] as const;
export type ConfirmableField = (typeof CONFIRMABLE_FIELDS)[number];

export interface FieldCorrection {
  field: ConfirmableField;
  /** What was there before this review: the extracted value, or the previous review's. */
  from: unknown;
  to: unknown;
}
