/** A negotiated price as far as its overlap with another one matters. */
export interface Agreement {
  id?: string;
  customerRef: string;
  /** null: every plan of the product. */
  planCode: string | null;
  validFrom: Date | null;
  validTo: Date | null;
}

/**
 * Two prices agreed with the same customer for the same plan (or both for every plan) must not be
 * valid on the same day: the engine would pick one of them arbitrarily. Bounds are inclusive and
 * either may be open. A price for one plan may coexist with one for every plan: the more specific wins.
 * Returns the first existing agreement that `candidate` overlaps (itself excluded by id), if any.
 */
export function overlappingAgreement<A extends Agreement>(candidate: Agreement, existing: readonly A[]): A | undefined {
  return existing.find(
    (other) =>
      other.id !== candidate.id &&
      other.customerRef === candidate.customerRef &&
      (other.planCode ?? null) === (candidate.planCode ?? null) &&
      (other.validTo === null || candidate.validFrom === null || candidate.validFrom <= other.validTo) &&
      (candidate.validTo === null || other.validFrom === null || other.validFrom <= candidate.validTo),
  );
}
