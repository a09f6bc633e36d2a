import { describe, expect, it } from 'vitest';
import {
  type AuthContext,
  type AuthWorkspace,
  type MembershipGrant,
  can,
  canWorkspaceWide,
  companyScope,
  rolesOf,
  toGrants,
} from './access/auth-context.ts';
import {
  apiKeyScopes,
  defaultMfaRequiredRoles,
  isRole,
  type Permission,
  permissions,
  type Role,
  roleGrants,
  roleLabels,
  rolePermissions,
  roles,
} from './permissions.ts';

/**
 * The role → permission matrix, written out by hand: a change to `permissions.ts`
 * that moves any of these cells must change this table too, on purpose.
 * Columns are a representative set; `1` grants, `0` refuses.
 */
const columns = [
  'workspace.manage',
  'users.read',
  'users.manage',
  'companies.manage',
  'apiKeys.manage',
  'catalog.read',
  'catalog.write',
  'pricing.simulate',
  'accounting.mapping',
  'accounting.export',
  'audit.read',
  'audit.export',
  'learner.portal',
] as const satisfies readonly Permission[];

const grid: Record<Role, readonly (0 | 1)[]> = {
  //              ws.man users.r users.m co.man keys  cat.r cat.w price acc.map acc.exp aud.r aud.exp learner
  workspace_admin: [1,     1,      1,      1,     1,    1,    1,    1,    1,      1,      1,    1,      1],
  company_admin:   [0,     1,      1,      1,     1,    1,    1,    1,    0,      0,      1,    0,      0],
  catalog_manager: [0,     0,      0,      0,     0,    1,    1,    1,    0,      0,      0,    0,      0],
  accounting:      [0,     0,      0,      0,     0,    1,    0,    0,    1,      1,      0,    0,      0],
  adv_quality:     [0,     0,      0,      0,     0,    1,    0,    0,    0,      0,      0,    0,      0],
  sales:           [0,     0,      0,      0,     0,    1,    0,    1,    0,      0,      0,    0,      0],
  auditor:         [0,     1,      0,      0,     0,    1,    0,    0,    0,      0,      1,    1,      0],
  moderator:       [0,     0,      0,      0,     0,    1,    0,    0,    0,      0,      0,    0,      0],
  support:         [0,     1,      0,      0,     0,    0,    0,    0,    0,      0,      0,    0,      0],
  merchant_admin:  [0,     1,      1,      1,     1,    1,    1,    0,    0,      0,      0,    0,      0],
  trainer:         [0,     0,      0,      0,     0,    0,    0,    0,    0,      0,      0,    0,      0],
  manager:         [0,     0,      0,      0,     0,    0,    0,    0,    0,      0,      0,    0,      0],
  budget_holder:   [0,     0,      0,      0,     0,    0,    0,    0,    0,      0,      0,    0,      0],
  learner:         [0,     0,      0,      0,     0,    0,    0,    0,    0,      0,      0,    0,      1],
};

const table: [Role, Permission, boolean][] = Object.entries(grid).flatMap(([role, row]) =>
  columns.map((permission, i): [Role, Permission, boolean] => [role as Role, permission, row[i] === 1]),
);

/** Seed 003 §3.8 and the brief's named cases, spelled out once more as plain rows. */
const namedCases: [Role, Permission, boolean][] = [
  ['catalog_manager', 'catalog.write', true],
  ['catalog_manager', 'catalog.publish', true],
  ['catalog_manager', 'accounting.mapping', false],
  ['accounting', 'accounting.mapping', true],
  ['accounting', 'accounting.export', true],
  ['accounting', 'invoicing.issue', true],
  ['accounting', 'catalog.write', false],
  ['sales', 'catalog.read', true],
  ['sales', 'pricing.simulate', true],
  ['sales', 'catalog.write', false],
  ['sales', 'sales.write', false],
  ['auditor', 'audit.read', true],
  ['auditor', 'audit.export', true],
  ['auditor', 'sales.write', false],
  ['auditor', 'payments.refund', false],
  ['learner', 'learner.portal', true],
  ['learner', 'training.read', false],
  ['trainer', 'trainer.portal', true],
  ['moderator', 'training.moderate', true],
  ['support', 'support.assist', true],
  ['budget_holder', 'budget.manage', true],
  ['manager', 'team.manage', true],
  ['company_admin', 'workspace.manage', false],
  ['company_admin', 'platform.operate', false],
  ['merchant_admin', 'training.manage', true],
  ['merchant_admin', 'audit.read', false],
];

describe('role → permission matrix', () => {
  it('the table covers every role', () => {
    expect(Object.keys(grid).sort()).toEqual([...roles].sort());
    for (const row of Object.values(grid)) expect(row).toHaveLength(columns.length);
  });

  it.each(table)('%s has %s: %s', (role, permission, expected) => {
    expect(roleGrants(role, permission)).toBe(expected);
    expect(rolePermissions[role].includes(permission)).toBe(expected);
  });

  it.each(namedCases)('%s has %s: %s (named case)', (role, permission, expected) => {
    expect(roleGrants(role, permission)).toBe(expected);
  });
});

describe('matrix properties', () => {
  const writeSuffixes = ['.manage', '.write', '.issue', '.refund', '.publish', '.mapping', '.rules', '.moderate'];

  it('lists every role exactly once, each with a label', () => {
    expect(new Set(roles).size).toBe(roles.length);
    expect(Object.keys(rolePermissions).sort()).toEqual([...roles].sort());
    for (const role of roles) {
      expect(roleLabels[role].fr.length).toBeGreaterThan(0);
      expect(roleLabels[role].en.length).toBeGreaterThan(0);
      expect(isRole(role)).toBe(true);
    }
    expect(isRole('superuser')).toBe(false);
    expect(isRole('')).toBe(false);
  });

  it('every role holds only valid permission names, without duplicates', () => {
    const known = new Set<string>(permissions);
    expect(known.size).toBe(permissions.length);
    for (const role of roles) {
      const held = rolePermissions[role];
      for (const permission of held) expect(known.has(permission), `${role}: ${permission}`).toBe(true);
      expect(new Set(held).size, `${role} lists a permission twice`).toBe(held.length);
    }
  });

  it('workspace_admin holds every permission', () => {
    for (const permission of permissions) expect(roleGrants('workspace_admin', permission), permission).toBe(true);
  });

  it('the auditor holds no write permission at all: only reads and the audit export', () => {
    for (const permission of rolePermissions.auditor) {
      for (const suffix of writeSuffixes) expect(permission.endsWith(suffix), permission).toBe(false);
      expect(permission.endsWith('.read') || permission === 'audit.export', permission).toBe(true);
    }
  });

  it('the learner has only the learner portal', () => {
    expect([...rolePermissions.learner]).toEqual(['learner.portal']);
  });

  it('only workspace_admin may manage the workspace or operate the platform', () => {
    for (const role of roles) {
      expect(roleGrants(role, 'workspace.manage'), role).toBe(role === 'workspace_admin');
      expect(roleGrants(role, 'platform.operate'), role).toBe(role === 'workspace_admin');
    }
  });

  it('API key scopes are valid permissions and never reach people, keys, the workspace or the audit trail', () => {
    const known = new Set<string>(permissions);
    expect(apiKeyScopes.length).toBeGreaterThan(0);
    expect(new Set(apiKeyScopes).size).toBe(apiKeyScopes.length);
    for (const scope of apiKeyScopes) {
      expect(known.has(scope), scope).toBe(true);
      expect(scope.startsWith('users.'), scope).toBe(false);
      expect(scope.startsWith('apiKeys.'), scope).toBe(false);
      expect(scope.startsWith('workspace.'), scope).toBe(false);
      expect(scope.startsWith('audit.'), scope).toBe(false);
      expect(scope.startsWith('companies.'), scope).toBe(false);
      expect(scope, scope).not.toBe('platform.operate');
    }
  });

  it('roles that must use MFA by default are real roles and include the workspace admin', () => {
    for (const role of defaultMfaRequiredRoles) expect(isRole(role), role).toBe(true);
    expect(defaultMfaRequiredRoles).toContain('workspace_admin');
  });
});

const workspace: AuthWorkspace = {
  id: '01900000-0000-7000-8000-000000000001',
  slug: 'winvest',
  name: 'Groupe Winvest',
  settings: { mfaRequiredRoles: [], inactivityDays: 90 },
};
const FT = '01900000-0000-7000-8000-0000000000f1';
const AP = '01900000-0000-7000-8000-0000000000a9';
const MTV = '01900000-0000-7000-8000-0000000000e7';

function userWith(grants: MembershipGrant[]): AuthContext {
  return {
    kind: 'user',
    requestId: 'req-1',
    workspace,
    user: { id: '01900000-0000-7000-8000-0000000000aa', email: 'x@example.fr', displayName: 'X', language: 'fr', isDemo: false },
    grants,
    session: { id: '01900000-0000-7000-8000-0000000000bb', csrfToken: 'csrf', mfaEnrollmentRequired: false, viaBearer: true },
  };
}

function apiKeyWith(scopes: Permission[], companyId = FT): AuthContext {
  return { kind: 'apiKey', requestId: 'req-2', workspace, apiKey: { id: '01900000-0000-7000-8000-0000000000cc', name: 'ERP', companyId, scopes } };
}

const anonymous: AuthContext = { kind: 'anonymous', requestId: 'req-0' };

describe('companyScope / can', () => {
  it('a whole-workspace grant covers every company, and only for the role’s permissions', () => {
    const auth = userWith([{ role: 'accounting', companyIds: [] }]);
    expect(companyScope(auth, 'accounting.export')).toEqual({ all: true });
    expect(can(auth, 'accounting.export')).toBe(true);
    expect(can(auth, 'accounting.export', FT)).toBe(true);
    expect(can(auth, 'accounting.export', MTV)).toBe(true);
    expect(can(auth, 'accounting.export', null)).toBe(true);
    expect(companyScope(auth, 'catalog.write')).toEqual({ all: false, companyIds: [] });
    expect(can(auth, 'catalog.write')).toBe(false);
    expect(can(auth, 'catalog.write', FT)).toBe(false);
    expect(canWorkspaceWide(auth, 'accounting.export')).toBe(true);
    expect(canWorkspaceWide(auth, 'catalog.write')).toBe(false);
  });

  it('a company-list grant covers those companies only', () => {
    const auth = userWith([{ role: 'sales', companyIds: [MTV] }]);
    expect(companyScope(auth, 'catalog.read')).toEqual({ all: false, companyIds: [MTV] });
    expect(can(auth, 'catalog.read', MTV)).toBe(true);
    expect(can(auth, 'catalog.read', FT)).toBe(false);
    // Without a company: "on some company".
    expect(can(auth, 'catalog.read')).toBe(true);
    expect(can(auth, 'catalog.write')).toBe(false);
    expect(can(auth, 'catalog.write', MTV)).toBe(false);
    expect(canWorkspaceWide(auth, 'catalog.read')).toBe(false);
  });

  it('several grants add up per permission, without duplicates', () => {
    const auth = userWith([
      { role: 'catalog_manager', companyIds: [FT, AP] },
      { role: 'sales', companyIds: [MTV, FT] },
    ]);
    const read = companyScope(auth, 'catalog.read');
    expect(read.all).toBe(false);
    expect(read.all ? [] : [...read.companyIds].sort()).toEqual([FT, AP, MTV].sort());
    expect(companyScope(auth, 'catalog.write')).toEqual({ all: false, companyIds: [FT, AP] });
    expect(can(auth, 'catalog.write', MTV)).toBe(false);
    expect(can(auth, 'pricing.simulate', MTV)).toBe(true);
    expect(can(auth, 'sales.read', AP)).toBe(false);
    expect(can(auth, 'sales.read', FT)).toBe(true);
  });

  it('a whole-workspace grant wins over a company-list grant for the same permission', () => {
    const auth = userWith([
      { role: 'sales', companyIds: [MTV] },
      { role: 'auditor', companyIds: [] },
    ]);
    expect(companyScope(auth, 'catalog.read')).toEqual({ all: true });
    expect(companyScope(auth, 'pricing.simulate')).toEqual({ all: false, companyIds: [MTV] });
    expect(canWorkspaceWide(auth, 'audit.read')).toBe(true);
  });

  it('a company admin reads the audit of its companies but has no workspace-wide audit', () => {
    const auth = userWith([{ role: 'company_admin', companyIds: [FT] }]);
    expect(can(auth, 'audit.read', FT)).toBe(true);
    expect(can(auth, 'audit.read', MTV)).toBe(false);
    expect(canWorkspaceWide(auth, 'audit.read')).toBe(false);
    expect(canWorkspaceWide(auth, 'users.manage')).toBe(false);
  });

  it('no grant at all gives nothing', () => {
    const auth = userWith([]);
    for (const permission of permissions) {
      expect(can(auth, permission), permission).toBe(false);
      expect(companyScope(auth, permission)).toEqual({ all: false, companyIds: [] });
    }
  });

  it('an API key reaches only its own company, only with its scopes, never workspace-wide', () => {
    const auth = apiKeyWith(['catalog.read', 'sales.write']);
    expect(companyScope(auth, 'catalog.read')).toEqual({ all: false, companyIds: [FT] });
    expect(can(auth, 'catalog.read')).toBe(true);
    expect(can(auth, 'catalog.read', FT)).toBe(true);
    expect(can(auth, 'catalog.read', MTV)).toBe(false);
    expect(can(auth, 'sales.write', FT)).toBe(true);
    expect(can(auth, 'catalog.write', FT)).toBe(false);
    expect(can(auth, 'companies.read', FT)).toBe(false);
    expect(can(auth, 'users.manage')).toBe(false);
    expect(companyScope(auth, 'users.manage')).toEqual({ all: false, companyIds: [] });
    for (const permission of permissions) expect(canWorkspaceWide(auth, permission), permission).toBe(false);
    expect(rolesOf(auth)).toEqual([]);
  });

  it('an anonymous caller can do nothing', () => {
    for (const permission of permissions) {
      expect(can(anonymous, permission), permission).toBe(false);
      expect(can(anonymous, permission, FT), permission).toBe(false);
      expect(companyScope(anonymous, permission)).toEqual({ all: false, companyIds: [] });
    }
  });

  it('rolesOf lists each role once; toGrants drops unknown roles', () => {
    const auth = userWith([
      { role: 'sales', companyIds: [MTV] },
      { role: 'sales', companyIds: [FT] },
      { role: 'auditor', companyIds: [] },
    ]);
    expect(rolesOf(auth)).toEqual(['sales', 'auditor']);
    expect(
      toGrants([
        { role: 'sales', companyIds: [FT] },
        { role: 'root', companyIds: [] },
      ]),
    ).toEqual([{ role: 'sales', companyIds: [FT] }]);
  });
});
