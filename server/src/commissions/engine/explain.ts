/** French wording of commission lines, for statements and the simulator (like the pricing engine's breakdown). */
import type { BaseKind, CommissionStatus, LineKind } from './contract.ts';
import type { LocalDate } from './dates.ts';
import type { Role } from './split.ts';

export const ROLE_FR: Record<Role, string> = {
  company: 'entreprise',
  salesperson: 'commercial',
  manager: 'manager',
  partner: 'partenaire',
  platform: 'plateforme',
};

export const BASE_FR: Record<BaseKind, string> = {
  premium: 'prime HT',
  revenue: 'CA HT',
  margin: 'marge',
  fixed: 'forfait',
};

export const STATUS_FR: Record<CommissionStatus, string> = {
  precomptee: 'précomptée',
  postcomptee: 'post-comptée',
  clawback: 'clawback',
  gelee: 'gelée',
};

export const KIND_FR: Record<LineKind, string> = {
  commission: 'Commission',
  renewal: 'Commission de renouvellement',
  bonus: 'Prime',
  malus: 'Malus',
  clawback: 'Reprise (clawback)',
  adjustment: 'Ajustement',
};

/** `2025-09-01` → `01/09/2025`. */
export function frDate(date: LocalDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** A share as a percentage: `0.3` → `30 %`, `0.125` → `12,5 %`. */
export function frShare(share: string): string {
  const [whole = '0', fraction = ''] = share.split('.');
  const scaled = `${whole}${fraction.padEnd(2, '0')}`;
  const intPart = String(Number(scaled.slice(0, whole.length + 2)));
  const rest = scaled.slice(whole.length + 2).replace(/0+$/, '');
  return `${intPart}${rest ? `,${rest}` : ''} %`;
}
