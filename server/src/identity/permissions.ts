/**
 * The role → permission matrix: the one place that decides who may do what.
 * Shown in the back-office (GET /api/identity/roles) and covered by a table-driven test.
 * A membership grants one role over the whole workspace or over a list of companies;
 * permissions are then checked against the company a record belongs to.
 */
export const permissions = [
  'workspace.manage',
  'users.read',
  'users.manage',
  'companies.read',
  'companies.manage',
  'apiKeys.manage',
  'audit.read',
  'audit.export',
  'catalog.read',
  'catalog.write',
  'catalog.publish',
  'pricing.simulate',
  'accounting.mapping',
  'accounting.export',
  'quality.rules',
  'documents.manage',
  'documents.read',
  'documents.review',
  'sales.read',
  'sales.write',
  'payments.read',
  'payments.refund',
  'invoicing.read',
  'invoicing.issue',
  'signature.read',
  'signature.manage',
  'commissions.read',
  'commissions.manage',
  'training.read',
  'training.manage',
  'training.moderate',
  'support.assist',
  'trainer.portal',
  'team.manage',
  'budget.manage',
  'learner.portal',
  'platform.operate',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = [
  'workspace_admin',
  'company_admin',
  'catalog_manager',
  'accounting',
  'adv_quality',
  'sales',
  'auditor',
  'moderator',
  'support',
  'merchant_admin',
  'trainer',
  'manager',
  'budget_holder',
  'learner',
] as const;
export type Role = (typeof roles)[number];

const readEverything: Permission[] = [
  'users.read',
  'companies.read',
  'catalog.read',
  'sales.read',
  'payments.read',
  'invoicing.read',
  'commissions.read',
  'training.read',
  'audit.read',
  'signature.read',
  'documents.read',
];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  workspace_admin: permissions,
  company_admin: [
    'users.read',
    'users.manage',
    'companies.read',
    'companies.manage',
    'apiKeys.manage',
    'audit.read',
    'catalog.read',
    'catalog.write',
    'catalog.publish',
    'pricing.simulate',
    'quality.rules',
    'documents.manage',
    'documents.read',
    'documents.review',
    'sales.read',
    'sales.write',
    'payments.read',
    'invoicing.read',
    'commissions.read',
    'training.read',
    'signature.read',
    'signature.manage',
  ],
  // Seed 003 §3.8: creation and editing, no accounting mapping.
  catalog_manager: ['companies.read', 'catalog.read', 'catalog.write', 'catalog.publish', 'pricing.simulate', 'documents.manage'],
  accounting: [
    'companies.read',
    'catalog.read',
    'accounting.mapping',
    'accounting.export',
    'sales.read',
    'payments.read',
    'payments.refund',
    'invoicing.read',
    'invoicing.issue',
    'commissions.read',
    'commissions.manage',
  ],
  // ADV / quality: CQ rules and documents.
  adv_quality: ['companies.read', 'catalog.read', 'quality.rules', 'documents.manage', 'documents.read', 'documents.review', 'sales.read', 'signature.read', 'signature.manage'],
  // Seed 003 §3.8: read + simulator.
  // Advisors: they also read and confirm the policies prospects upload (issue #7).
  sales: ['companies.read', 'catalog.read', 'pricing.simulate', 'sales.read', 'documents.read', 'documents.review', 'signature.read'],
  // Read-only, plus the audit trail and its export.
  auditor: [...readEverything, 'audit.export'],
  moderator: ['companies.read', 'catalog.read', 'training.read', 'training.moderate'],
  support: ['users.read', 'companies.read', 'sales.read', 'documents.read', 'payments.read', 'invoicing.read', 'training.read', 'support.assist', 'signature.read'],
  // A training organisation's administrator on the marketplace.
  merchant_admin: [
    'users.read',
    'users.manage',
    'companies.read',
    'companies.manage',
    'apiKeys.manage',
    'catalog.read',
    'catalog.write',
    'training.read',
    'training.manage',
    'sales.read',
    'payments.read',
    'invoicing.read',
  ],
  trainer: ['training.read', 'trainer.portal'],
  manager: ['training.read', 'team.manage'],
  budget_holder: ['training.read', 'budget.manage', 'invoicing.read'],
  learner: ['learner.portal'],
};

/** Roles whose members must use TOTP unless the workspace says otherwise (Annex G §2). */
export const defaultMfaRequiredRoles: Role[] = ['workspace_admin', 'company_admin', 'accounting'];

/** Permissions an API key may carry: integrations read and write business data, never people or keys. */
export const apiKeyScopes: Permission[] = [
  'catalog.read',
  'catalog.write',
  'pricing.simulate',
  'sales.read',
  'sales.write',
  'payments.read',
  'invoicing.read',
  'commissions.read',
  'training.read',
  'training.manage',
];

export const roleLabels: Record<Role, { fr: string; en: string }> = {
  workspace_admin: { fr: 'Administrateur de l’espace', en: 'Workspace admin' },
  company_admin: { fr: 'Administrateur société', en: 'Company admin' },
  catalog_manager: { fr: 'Gestionnaire catalogue', en: 'Catalog manager' },
  accounting: { fr: 'Comptabilité', en: 'Accounting' },
  adv_quality: { fr: 'ADV / Qualité', en: 'Sales admin / quality' },
  sales: { fr: 'Commercial', en: 'Sales' },
  auditor: { fr: 'Auditeur', en: 'Auditor' },
  moderator: { fr: 'Modérateur', en: 'Moderator' },
  support: { fr: 'Support', en: 'Support' },
  merchant_admin: { fr: 'Administrateur organisme', en: 'Merchant admin' },
  trainer: { fr: 'Formateur', en: 'Trainer' },
  manager: { fr: 'Manager', en: 'Manager' },
  budget_holder: { fr: 'Gestionnaire budget', en: 'Budget holder' },
  learner: { fr: 'Apprenant / client', en: 'Learner / customer' },
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function roleGrants(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
