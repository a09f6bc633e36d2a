import { formatMoney as formatMoneyFr } from '../../pricing/engine/format.ts';

/**
 * Money in a mail: the engine's French display (`9,90 €`, `CHF 185.–`), and the English habit for euros (`€9.90`).
 * Francs read the same in both languages.
 */
export function formatMoney(minor: number, currency: 'EUR' | 'CHF', language: 'fr' | 'en'): string {
  if (language === 'fr' || currency === 'CHF') return formatMoneyFr(minor, currency);
  const abs = Math.abs(minor);
  const whole = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${minor < 0 ? '-' : ''}€${whole}.${String(abs % 100).padStart(2, '0')}`;
}
