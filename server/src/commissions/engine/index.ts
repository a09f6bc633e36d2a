/** The commission engine's public entry point: pure functions, no I/O, no clock. See README.md. */
export {
  type AccountingPlan,
  commissionEntries,
  DEFAULT_ACCOUNTS,
  type EntryLine,
  type EntryType,
  entryTotals,
  type JournalEntry,
  revenueEntry,
  revenueEntryInclTax,
} from './accounting.ts';
export { type CatalogSchemeRow, type CatalogTierRow, optionsFromCatalogParams, schemeFromCatalog } from './catalog-scheme.ts';
export { clampToBounds, periodAdjustment } from './bounds.ts';
export { clawbackAmount, inWindow } from './clawback.ts';
export { computeCommissions } from './compute.ts';
export type * from './contract.ts';
export { addMonths, type LocalDate, localDate, monthDay, type Period, periodOf } from './dates.ts';
export { describeDueRule, type DueRule, dueDate } from './due-date.ts';
export { CommissionError, type CommissionErrorCode } from './errors.ts';
export { ACTION_PREVOYANCE_SCHEME, DEPANSSUR, MONDIAL_TV_MONTHLY_HT, MONDIAL_TV_SCHEME } from './examples.ts';
export { type Currency, formatMoney, roundCommission } from './money.ts';
export { formatPercent, type Rate, rateValue } from './rates.ts';
export { validateScheme } from './scheme.ts';
export { type SimulationBar, type SimulationInput, type SimulationResult, simulate } from './simulate.ts';
export { allocate, ROLES, type Role, type SplitPlan, splitShares } from './split.ts';
export { assignTiers, type CommissionTier, type TierBasis, type TierMode, type TierPick, type TierSet, tierAt } from './tiers.ts';
