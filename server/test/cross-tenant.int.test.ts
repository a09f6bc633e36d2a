import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, companies, memberships, sessions, users, workspaces } from '../src/identity/schema.ts';
import type { RegisteredRoute } from '../src/platform/http/route-config.ts';
import type { App } from '../src/platform/module.ts';
import { testMessageTemplate } from '../src/platform/mail/templates.ts';
import { queryRows } from '../src/platform/db/query-rows.ts';
import { paymentAttempts, webhookEvents } from '../src/payments/schema.ts';
import { issueInvoiceForPayment } from '../src/invoicing/issue/issue-invoices.ts';
import { journeys, journeyVersions, prospects } from '../src/sales/journeys/schema.ts';
import { WINWIN_JOURNEY } from '../src/sales/journeys/seed/winwin-journey.ts';
import { notifications } from '../src/notifications/schema.ts';
import { storeUpload } from '../src/documents/uploads/store-upload.ts';
import { startExport } from '../src/accounting/exports/generate-export.ts';
import { seedDemoIdentity, type SignedIn, signIn } from './support/identity-fixtures.ts';
import { startTestRuntime, type TestRuntime } from './support/test-runtime.ts';

/**
 * Walks EVERY registered API route as someone who must not see the victim's data —
 * a user of another workspace, then a user of another company in the same workspace —
 * with the victim's identifiers in the path. A new route is covered the day it is
 * registered: an unknown path parameter or a body that never reaches the tenant
 * check makes this test fail until a fixture is added below.
 */
let test: TestRuntime;
let app: App;

interface Victim {
  params: Record<string, string>;
  /** Strings that must never appear in an answer to the attacker. */
  secrets: string[];
}

/** Bodies valid enough to get past validation, so the tenant check is what answers. */
const bodies: Record<string, object | ((victim: Victim) => object)> = {
  'POST /api/identity/users/:userId/memberships': { role: 'sales', companyIds: [] },
  'POST /api/identity/users/:userId/disable': { reason: 'cross-tenant probe' },
  'PATCH /api/identity/memberships/:membershipId': { role: 'sales' },
  'PATCH /api/identity/companies/:companyId': { brandName: 'Pwned' },
  'PUT /api/catalog/partners/:partnerId/credentials': { env: 'sandbox', authType: 'api_key', credentials: { key: 'stolen' } },
  'PATCH /api/catalog/products/:productId': { name: 'Pwned' },
  'POST /api/catalog/products/:productId/transition': { status: 'frozen' },
  'POST /api/catalog/products/:productId/versions': { effectiveFrom: '2031-01-01T00:00:00Z' },
  'PUT /api/catalog/versions/:versionId/plans': { plans: [] },
  'PUT /api/catalog/versions/:versionId/promotions': { promotions: [] },
  'PUT /api/catalog/versions/:versionId/commissions': { schemes: [] },
  'PUT /api/catalog/versions/:versionId/accounting-mappings': { mappings: [] },
  'PUT /api/catalog/versions/:versionId/cq-rules': { requiredFields: [] },
  'POST /api/catalog/versions/:versionId/documents': { type: 'CG', title: 'x', fileName: 'x.txt', contentType: 'text/plain', contentBase64: 'eA==' },
  'POST /api/public/:workspace/pricing/quote': { sku: 'FT-BOX-001' },
  'POST /api/catalog/products/:productId/negotiated-prices': { customerRef: 'probe', amount: 1 },
  'PATCH /api/catalog/negotiated-prices/:negotiatedPriceId': { amount: 1 },
  'PUT /api/catalog/products/:productId/external-mappings': { mappings: [] },
  'POST /api/payments/orders/:orderId/refunds': { amount: 100 },
  'POST /api/sales/orders/:orderId/subscription/cancel': { atPeriodEnd: true },
  'PATCH /api/payments/merchants/:merchantId': { commissionBp: 0 },
  'POST /api/invoicing/invoices/:invoiceId/resend': {},
  'POST /api/invoicing/invoices/:invoiceId/credit-note': { amount: 1 },
  'PUT /api/invoicing/settings/:companyId': { invoicePrefix: 'PWN', creditNotePrefix: 'PWNAV', legalMention: null, registration: null, iban: null, bic: null, vatFranchise: 'none', paymentTermsDays: 0 },
  'POST /api/public/sandbox/checkout/:checkoutSessionId/pay': { cardNumber: '4242424242424242' },
  'PUT /api/journeys/:journeyId/definition': () => WINWIN_JOURNEY,
  'PATCH /api/journeys/:journeyId': { active: true },
  'POST /api/journeys/:journeyId/invitations': { offered: true },
  'POST /api/prospects/:prospectId/erase': { reason: 'cross-tenant probe' },
  'PUT /api/public/prospects/:token/documents/:documentId/extraction': { fields: {} },
  'PATCH /api/public/prospects/:token/answers': { answers: { first_name: 'Pwned' } },
  'POST /api/public/prospects/:token/submit': { consent: { accepted: true, version: 'winwin-rgpd-2025-11' } },
  'PUT /api/documents/:uploadedDocumentId/extraction': { fields: { insurer: 'Pwned', policyNumber: null, premium: null, startDate: null, endDate: null, coverageType: null } },
  'POST /api/documents/recommendation': { owner: { kind: 'prospect', id: 'prospect-victime-secret' }, clientType: 'particulier', needs: {} },
  'PUT /api/accounting/companies/:companyId/settings': { accounts: { revenue: '706999' } },
  'POST /api/accounting/companies/:companyId/exports': { kind: 'csv', period: '2026-01' },
  'POST /api/commissions/companies/:companyId/simulate': (victim) => ({ productId: victim.params.productId, volume: 1, amount: 100 }),
  'POST /api/catalog/versions/:versionId/publications': (victim) => ({ companyId: victim.params.companyId, channels: ['web'], startAt: '2026-01-01T00:00:00Z' }),
};

/** Query strings for routes that need one to get past validation. */
Object.assign(bodies, {
  'POST /api/public/signatures/:token/sign': { consent: true, strokes: { width: 300, height: 100, pointerType: 'mouse', strokes: [Array.from({ length: 10 }, (_, i) => ({ x: i * 20, y: (i % 2) * 60, t: i }))] }, timeZone: 'UTC' },
  'POST /api/public/signatures/:token/otp/verify': { code: '123456' },
});

const queries: Record<string, (victim: Victim) => string> = {
  'GET /api/catalog/versions/:versionId/checklist': (victim) => `?companyId=${victim.params.companyId}&channels=web`,
  'GET /api/journeys/analytics': (victim) => `?from=2020-01-01&to=2030-01-01&journeyId=${victim.params.journeyId}`,
  'GET /api/prospects': (victim) => `?q=Secret&journeyId=${victim.params.journeyId}`,
  'POST /api/public/prospects/:token/documents': () => '?filename=police.pdf',
  'GET /api/accounting/companies/:companyId/lines': () => '?period=2026-01',
  'GET /api/commissions/companies/:companyId/statements': () => '?period=2026-01',
};

/** Routes that act only on the caller's own session; they run last. */
const runLast = new Set(['POST /api/auth/logout']);

let cachedVictim: Promise<Victim> | undefined;
/** Built once per file: both attackers aim at the same France Téléphone data. */
function victimData(companyLegalName: string): Promise<Victim> {
  cachedVictim ??= buildVictim(companyLegalName);
  return cachedVictim;
}

async function buildVictim(companyLegalName: string): Promise<Victim> {
  const db = test.runtime.db;
  const [winvest] = await db.select().from(workspaces).where(eq(workspaces.slug, 'winvest'));
  const [company] = await db.select().from(companies).where(eq(companies.legalName, companyLegalName));
  const [companyAdmin] = await db.select().from(users).where(eq(users.email, 'company-admin@winvest.demo'));
  const [membership] = await db.select().from(memberships).where(eq(memberships.userId, companyAdmin!.id));
  // Gives the victim an open session for the attacker to aim at.
  await signIn(app, 'company-admin@winvest.demo');
  const [session] = await db.select().from(sessions).where(eq(sessions.userId, companyAdmin!.id));
  const admin = await signIn(app, 'admin@winvest.demo');
  const key = await app.inject({
    method: 'POST',
    url: '/api/identity/api-keys',
    headers: admin.headers,
    payload: { name: 'FT integration', companyId: company!.id, scopes: ['catalog.read'], expiresInDays: 30 },
  });
  expect(key.statusCode, key.body).toBe(201);
  const mailId = await test.runtime.mail.queue(db, {
    template: testMessageTemplate,
    data: { recipientName: 'Victime Secrète', sentAt: 'x' },
    to: 'victim-mail@winvest.example',
    workspaceId: winvest!.id,
  });
  const catalog = await victimCatalog(admin, company!.id);
  const accountingExport = await startExport(test.runtime, { workspaceId: winvest!.id, companyId: company!.id, kind: 'csv', period: '2026-01', requestedBy: 'victim-accountant@winvest.example' });
  const sales = await victimSales(admin, company!.id, winvest!.id);
  const journey = await victimJourney(company!.id, winvest!.id, catalog.params.productId!);
  const signature = await app.inject({
    method: 'POST',
    url: '/api/signature/requests',
    headers: admin.headers,
    payload: { companyId: company!.id, title: 'Contrat Signature Secret', template: 'winwin-mandate', data: { client: { kind: 'particulier', name: 'Signataire Secret', email: 'signataire-secret@ft.example', age: 40 }, annualPrice: 18_500, startDate: '2026-12-01' }, signer: { name: 'Signataire Secret', email: 'signataire-secret@ft.example' } },
  });
  expect(signature.statusCode, signature.body).toBe(201);
  // An insurance policy uploaded for a France Téléphone prospect (documents module).
  const upload = await db.transaction((tx) =>
    storeUpload(tx, test.runtime, { workspaceId: winvest!.id, companyId: company!.id, owner: { kind: 'prospect', id: 'prospect-victime-secret' }, purpose: 'insurance_policy', filename: 'police-victime-secrete.pdf', bytes: new TextEncoder().encode('%PDF-1.7\nAXA police victime') }, { auth: { kind: 'anonymous', requestId: 'victim' }, label: 'system:victim' }),
  );
  return {
    params: {
      ...catalog.params,
      ...sales.params,
      ...journey.params,
      companyId: company!.id,
      userId: companyAdmin!.id,
      membershipId: membership!.id,
      keyId: key.json().apiKey.id,
      sessionId: session!.id,
      id: mailId,
      queue: 'platform.deliver-mail',
      signatureRequestId: signature.json().id,
      uploadedDocumentId: upload.documentId,
      exportId: accountingExport!.id,
    },
    secrets: [company!.legalName, company!.siren ?? company!.id, 'company-admin@winvest.demo', 'victim-mail@winvest.example', 'victim-accountant@winvest.example', key.json().apiKey.prefix, ...catalog.secrets, ...sales.secrets, ...journey.secrets, 'Signataire Secret', 'signataire-secret@ft.example', 'police-victime-secrete.pdf', 'prospect-victime-secret'],
  };
}

/** A France Téléphone product with everything hanging off it, built through the API. */
async function victimCatalog(admin: SignedIn, companyId: string): Promise<Pick<Victim, 'params' | 'secrets'>> {
  const call = async (method: 'POST' | 'PUT', url: string, payload: object, expected: number) => {
    const response = await app.inject({ method, url, headers: admin.headers, payload });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(expected);
    return response.body ? response.json() : null;
  };
  const risk = await call('POST', '/api/catalog/risks', { companyId, code: 'BOX', label: 'Box internet secrète' }, 201);
  const partner = await call('POST', '/api/catalog/partners', { companyId, type: 'telecom', name: 'Opérateur FT secret' }, 201);
  const created = await call('POST', '/api/catalog/products', { sku: 'FT-BOX-001', name: 'Box Fibre FT', companyId, riskId: risk.id, partnerId: partner.id, revenueModel: 'revenue', effectiveFrom: '2026-01-01T00:00:00Z' }, 201);
  const versionId = created.versionId;
  await call('PUT', `/api/catalog/versions/${versionId}/plans`, { plans: [{ code: 'FIBRE', name: 'Fibre', recurrence: 'monthly', rule: { type: 'fixed', amount: 3999, taxMode: 'incl', taxCategory: 'standard', recurrence: { kind: 'recurring', every: 1, unit: 'month' } } }] }, 204);
  const document = await call('POST', `/api/catalog/versions/${versionId}/documents`, { type: 'CGV', title: 'CGV Box', fileName: 'cgv.txt', contentType: 'text/plain', contentBase64: Buffer.from('CGV').toString('base64'), mandatory: true }, 201);
  await call('PUT', `/api/catalog/versions/${versionId}/accounting-mappings`, { mappings: [{ companyId, nature: 'revenue', glAccount: '706000' }] }, 204);
  await call('POST', `/api/catalog/products/${created.product.id}/transition`, { status: 'test' }, 200);
  await call('POST', `/api/catalog/products/${created.product.id}/transition`, { status: 'active' }, 200);
  const publication = await call('POST', `/api/catalog/versions/${versionId}/publications`, { companyId, channels: ['web'], visibility: 'internal', startAt: '2026-01-01T00:00:00Z' }, 201);
  const next = await call('POST', `/api/catalog/products/${created.product.id}/versions`, { effectiveFrom: '2030-01-01T00:00:00Z', copyFromVersionId: versionId }, 201);
  await call('PUT', `/api/catalog/products/${created.product.id}/external-mappings`, { mappings: [{ system: 'OggoData', externalCode: 'OG-SECRET-FT' }] }, 204);
  const negotiated = await call('POST', `/api/catalog/products/${created.product.id}/negotiated-prices`, { customerRef: 'CLIENT-SECRET-FT', amount: 2999 }, 201);
  const exported = await app.inject({ method: 'GET', url: '/api/catalog/exports/products.csv', headers: admin.headers });
  const importJob = await call('POST', '/api/catalog/imports', { fileName: 'ft.csv', contentBase64: Buffer.from(exported.body).toString('base64'), dryRun: true }, 202);
  return {
    params: {
      partnerId: partner.id,
      productId: created.product.id,
      versionId,
      otherVersionId: next.id,
      documentId: document.id,
      publicationId: publication.id,
      importId: importJob.importId,
      negotiatedPriceId: negotiated.id,
      workspace: 'winvest',
    },
    secrets: ['FT-BOX-001', 'Box Fibre FT', 'Opérateur FT secret', 'Box internet secrète', 'CLIENT-SECRET-FT', 'OG-SECRET-FT'],
  };
}

/**
 * An order of France Téléphone's product for a secret customer, a merchant account, and an inbox event of the victim's
 * workspace. Capability URLs (order token, sandbox session and account) get values the attacker could guess: a wrong one.
 */
async function victimSales(admin: SignedIn, companyId: string, workspaceId: string): Promise<Pick<Victim, 'params' | 'secrets'>> {
  const order = await app.inject({
    method: 'POST',
    url: '/api/sales/orders',
    headers: admin.headers,
    payload: { customer: { kind: 'person', name: 'Client Commande Secret', email: 'acheteur-secret@ft.example' }, quote: { sku: 'FT-BOX-001', plan: 'FIBRE' } },
  });
  expect(order.statusCode, order.body).toBe(201);
  const merchant = await app.inject({ method: 'POST', url: '/api/payments/merchants', headers: admin.headers, payload: { companyId } });
  expect(merchant.statusCode, merchant.body).toBe(201);
  const [event] = await test.runtime.db
    .insert(webhookEvents)
    .values({ provider: 'sandbox', eventId: 'evt_victim', type: 'charge.refunded', workspaceId, orderId: order.json().id, payload: { secret: 'acheteur-secret@ft.example' }, status: 'processed', providerCreated: 1 })
    .returning();
  // A paid invoice of that order (its payment confirmed as a webhook would).
  const [payment] = await test.runtime.db
    .insert(paymentAttempts)
    .values({ workspaceId, orderId: order.json().id, provider: 'sandbox', kind: 'checkout', status: 'succeeded', amount: order.json().totalInclTax, currency: 'EUR', idempotencyKey: 'victim-payment', succeededAt: new Date() })
    .returning();
  const invoice = await test.runtime.db.transaction((tx) => issueInvoiceForPayment(tx, test.runtime, payment!.id));
  return {
    params: {
      invoiceId: invoice!.id,
      orderId: order.json().id,
      merchantId: merchant.json().id,
      webhookEventId: event!.id,
      provider: 'stripe',
      token: 'guessedTokenguessedTokenguessedToken',
      checkoutSessionId: `cs_test_${'A'.repeat(24)}`,
      accountId: `acct_${'A'.repeat(24)}`,
    },
    secrets: ['Client Commande Secret', 'acheteur-secret@ft.example'],
  };
}

/** A closed journey of France Téléphone with a secret prospect, and a notification about them. */
async function victimJourney(companyId: string, workspaceId: string, productId: string): Promise<Pick<Victim, 'params' | 'secrets'>> {
  const db = test.runtime.db;
  const [journey] = await db.insert(journeys).values({ workspaceId, companyId, productId, slug: 'parcours-secret', name: 'Parcours FT secret', active: false, definition: WINWIN_JOURNEY }).returning();
  await db.insert(journeyVersions).values({ journeyId: journey!.id, version: 1, definition: WINWIN_JOURNEY, createdBy: 'test' });
  const [prospect] = await db
    .insert(prospects)
    .values({ workspaceId, companyId, journeyId: journey!.id, journeyVersion: 1, token: 'victim-prospect-token-0123456789abcdefghijklmn', name: 'Prospect Secret Parcours', email: 'prospect-secret@ft.example' })
    .returning();
  const [notification] = await db
    .insert(notifications)
    .values({ workspaceId, companyId, permission: 'sales.read', kind: 'journey.activated', title: 'Prospect Secret Parcours payé', body: 'x', dedupeKey: 'victim' })
    .returning();
  return {
    params: { journeyId: journey!.id, prospectId: prospect!.id, notificationId: notification!.id, journey: 'parcours-secret' },
    secrets: ['Prospect Secret Parcours', 'prospect-secret@ft.example', 'Parcours FT secret', 'victim-prospect-token-0123456789abcdefghijklmn'],
  };
}

function bodyFor(key: string, victim: Victim): object {
  const body = bodies[key] ?? {};
  return typeof body === 'function' ? body(victim) : body;
}

function fillPath(route: RegisteredRoute, params: Record<string, string>): string {
  return route.url.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`Route ${route.method} ${route.url}: add a victim fixture for path parameter "${name}"`);
    return value;
  });
}

function apiRoutes(): RegisteredRoute[] {
  const seen = new Set<string>();
  return app.registeredRoutes
    .filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.method !== 'HEAD')
    .filter((route) => {
      const key = `${route.method} ${route.url}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => Number(runLast.has(`${a.method} ${a.url}`)) - Number(runLast.has(`${b.method} ${b.url}`)));
}

async function auditCount(workspaceSlug: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    test.runtime.db,
    sql`select count(*)::int as n from ${auditLog} join ${workspaces} on ${workspaces.id} = ${auditLog.workspaceId} where ${workspaces.slug} = ${workspaceSlug}`,
  );
  return row!.n;
}

async function walk(attacker: SignedIn, victim: Victim) {
  const outcomes: { route: string; status: number }[] = [];
  for (const route of apiRoutes()) {
    const key = `${route.method} ${route.url}`;
    const hasParams = route.url.includes(':');
    const response = await app.inject({
      method: route.method as 'GET',
      url: fillPath(route, victim.params) + (queries[key]?.(victim) ?? ''),
      headers: attacker.headers,
      ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: bodyFor(key, victim) }),
    });
    outcomes.push({ route: key, status: response.statusCode });
    expect(response.statusCode, `${key} answered ${response.statusCode}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
    if (hasParams) {
      expect([401, 403, 404], `${key} must refuse (got ${response.statusCode}); if it is 400, add a body fixture`).toContain(response.statusCode);
    }
    for (const secret of victim.secrets) {
      expect(response.body.includes(secret), `${key} leaked "${secret}"`).toBe(false);
    }
  }
  return outcomes;
}

beforeAll(async () => {
  test = await startTestRuntime();
  await seedDemoIdentity(test.runtime);
  app = await test.app();
});
afterAll(() => test.close());

describe('tenant isolation on every route', () => {
  it('a user of another workspace gets 403/404 and no data on every route', async () => {
    const victim = await victimData('France Téléphone');
    const before = await auditCount('winvest');
    const attacker = await signIn(app, 'admin@pygmalion.demo');
    const outcomes = await walk(attacker, victim);
    expect(outcomes.length).toBe(apiRoutes().length);
    expect(outcomes.length).toBeGreaterThan(30);
    expect(await auditCount('winvest')).toBe(before);
    const [company] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'France Téléphone'));
    expect(company!.brandName).toBe('France Téléphone');
  });

  it('a sales user of Mondial TV gets 403/404 and no data about France Téléphone', async () => {
    const victim = await victimData('France Téléphone');
    const before = await auditCount('winvest');
    const attacker = await signIn(app, 'sales@winvest.demo');
    await walk(attacker, victim);
    expect(await auditCount('winvest')).toBe(before);
    const [membership] = await test.runtime.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.id, victim.params.membershipId!)));
    expect(membership!.role).toBe('company_admin');
  });

  it('admin@winvest.demo reading a pygmalion company gets 404 with nothing of it', async () => {
    const [pygmalionCompany] = await test.runtime.db.select().from(companies).where(eq(companies.legalName, 'Aéro Formation Sud SARL'));
    const admin = await signIn(app, 'admin@winvest.demo');
    const response = await app.inject({ method: 'GET', url: `/api/identity/companies/${pygmalionCompany!.id}`, headers: admin.headers });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Aéro Formation Sud');
    const list = await app.inject({ method: 'GET', url: '/api/identity/companies', headers: admin.headers });
    expect(list.json().items.map((c: { brandName: string }) => c.brandName).sort()).toEqual(['Action Prévoyance', 'France Téléphone', 'Mondial TV', 'USGP']);
  });

  it('anonymous callers get 401 on every API route that is not declared public', async () => {
    for (const route of apiRoutes()) {
      if (route.config.public) continue;
      const response = await app.inject({ method: route.method as 'GET', url: route.url.replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000') });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});
