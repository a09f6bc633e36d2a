/**
 * Seed 003 Annex C §1: a product moves Draft → Test → Active → Frozen → Retired, and
 * only along these edges. Frozen (sales suspended) can go back to Active; Test can go
 * back to Draft for rework; Retired is final.
 */
export const lifecycleStatuses = ['draft', 'test', 'active', 'frozen', 'retired'] as const;
export type LifecycleStatus = (typeof lifecycleStatuses)[number];

const allowed: Record<LifecycleStatus, readonly LifecycleStatus[]> = {
  draft: ['test', 'retired'],
  test: ['draft', 'active', 'retired'],
  active: ['frozen', 'retired'],
  frozen: ['active', 'retired'],
  retired: [],
};

export function canTransition(from: LifecycleStatus, to: LifecycleStatus): boolean {
  return allowed[from].includes(to);
}

export function nextStatuses(from: LifecycleStatus): readonly LifecycleStatus[] {
  return allowed[from];
}

export const lifecycleLabels: Record<LifecycleStatus, { fr: string; en: string }> = {
  draft: { fr: 'Brouillon', en: 'Draft' },
  test: { fr: 'En test', en: 'Test' },
  active: { fr: 'Actif', en: 'Active' },
  frozen: { fr: 'Gelé', en: 'Frozen' },
  retired: { fr: 'Retiré', en: 'Retired' },
};

/**
 * Annex A §4 "protection diffusion": an active product with a live publication is never
 * deleted and never edited in place — only a new version changes it.
 */
export function isLocked(status: LifecycleStatus, hasLivePublication: boolean): boolean {
  return (status === 'active' || status === 'frozen') && hasLivePublication;
}

/** Only drafts that were never published may be deleted at all. */
export function canDelete(status: LifecycleStatus, everPublished: boolean): boolean {
  return status === 'draft' && !everPublished;
}
