import type { MessageKey } from './i18n/fr.ts';

// Business modules shown in the navbar. Each gets /app/<slug>; until a module ships its
// own route, /app/$module renders an honest "coming soon" state. A dedicated route
// added later (e.g. /app/catalogue) takes precedence over the $module catch-all.
export interface BusinessModule {
  slug: string;
  label: MessageKey;
}

export const businessModules: readonly BusinessModule[] = [
  { slug: 'catalogue', label: 'module.catalog' },
  { slug: 'tarification', label: 'module.pricing' },
  { slug: 'commandes', label: 'module.orders' },
  { slug: 'paiements', label: 'module.payments' },
  { slug: 'factures', label: 'module.invoicing' },
  { slug: 'parcours', label: 'module.journeys' },
  { slug: 'commissions', label: 'module.commissions' },
  { slug: 'accounting', label: 'module.accounting' },
  { slug: 'signature', label: 'module.signature' },
  { slug: 'documents', label: 'module.documents' },
  { slug: 'training', label: 'module.training' },
  { slug: 'quality', label: 'module.quality' },
  { slug: 'compliance', label: 'module.compliance' },
  { slug: 'apprenticeship', label: 'module.apprenticeship' },
  { slug: 'knowledge', label: 'module.knowledge' },
  { slug: 'partners', label: 'module.partners' },
  { slug: 'notifications', label: 'module.notifications' },
];

export function findBusinessModule(slug: string): BusinessModule | undefined {
  return businessModules.find((m) => m.slug === slug);
}
