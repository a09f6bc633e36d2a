import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, startBrowserSession } from './support/browser-session.ts';

// Issue #7's back-office in Chromium, on the WIN WIN demo (90 seeded prospects): the dashboard's KPI cards show what
// the analytics API returns for the period and filters shown, the seed 004 views list what the prospects API lists,
// a prospect's page exports and erases the person's data, the configuration page saves a definition (and shows a bad
// one's faults), invites a prospect with the "mandat offert", and the owner's notification of that prospect's
// activation reaches the bell.

const EMAIL = 'admin@winwin.demo';
const KPI_KEYS = ['questionnaireCompletionPermille', 'signaturePermille', 'paymentConversionPermille', 'meanJourneySeconds', 'abandonmentPermille', 'renewalPermille'] as const;
type KpiKey = (typeof KPI_KEYS)[number];

interface Analytics {
  kpis: Record<KpiKey, number | null> & { started: number; activations: number };
  targets: Record<KpiKey, { target: number; below: boolean }>;
  revenue: { mrr: number; arr: number; currency: string | null; clients: number };
}
interface ProspectRow {
  id: string;
  status: string;
  name: string | null;
  offered: boolean;
  source: string;
  erasedAt: string | null;
}
interface Journey {
  id: string;
  slug: string;
  version: number;
}

let session: BrowserSession;
let token: string;
let page: Page;
/** The prospect invited by the configuration test, whose activation the bell announces. */
let invitedProspectId: string;

beforeAll(async () => {
  session = await startBrowserSession();
  token = await session.apiSignIn(EMAIL);
  page = await session.browser.newPage({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  await session.signInThroughForm(page, EMAIL);
  await page.waitForURL(/\/app/);
});
afterAll(() => session?.close());

const api = <T>(method: string, path: string, body?: unknown) => session.apiCall<T>(token, method, path, body);

/** What a card must read, written independently of the page's helpers: « 73,4 % », « 27 min », « 1 h 05 min ». */
function expectedKpiText(key: KpiKey, value: number | null): RegExp {
  if (value === null) return /^—$/;
  if (key === 'meanJourneySeconds') {
    const minutes = Math.round(value / 60);
    if (minutes < 1) return /^<\s1\smin$/;
    return minutes < 60 ? new RegExp(`^${minutes}\\smin$`) : new RegExp(`^${Math.trunc(minutes / 60)}\\sh\\s${String(minutes % 60).padStart(2, '0')}\\smin$`);
  }
  return new RegExp(`^${Math.trunc(value / 10)},${value % 10}\\s%$`);
}

function expectedVerdict(value: number | null, target: { target: number; below: boolean }): string {
  if (value === null) return 'unknown';
  return (target.below ? value < target.target : value > target.target) ? 'met' : 'missed';
}

/** « CHF 1'200.42 », « CHF 14'405.– ». */
function swissFrancs(minor: number): RegExp {
  const francs = String(Math.trunc(minor / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "['’]");
  const cents = minor % 100 === 0 ? '\\.[–-]' : `\\.${String(minor % 100).padStart(2, '0')}`;
  return new RegExp(`^CHF\\s${francs}${cents}$`);
}

/** DD/MM/YYYY as the date inputs show it → YYYY-MM-DD. */
async function shownDay(label: string): Promise<string> {
  const text = (await page.getByRole('button', { name: label, exact: true }).textContent())?.trim() ?? '';
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  expect(match, `date input « ${label} » shows ${text}`).not.toBeNull();
  return `${match![3]}-${match![2]}-${match![1]}`;
}

async function expectKpiCards(query: string) {
  const expected = (await api<Analytics>('GET', `/api/journeys/analytics?${query}`)).body;
  expect(expected.kpis.started).toBeGreaterThan(0);
  for (const key of KPI_KEYS) {
    const card = page.locator(`[data-kpi="${key}"]`);
    await expect.poll(async () => (await card.getByTestId('kpi-value').textContent())?.trim(), { timeout: 15_000 }).toMatch(expectedKpiText(key, expected.kpis[key]));
    expect(await card.getAttribute('data-verdict')).toBe(expectedVerdict(expected.kpis[key], expected.targets[key]));
  }
  return expected;
}

describe('the journeys back-office in Chromium (WIN WIN demo)', () => {
  it('the dashboard shows the KPIs the API computes for the period shown, against seed 004’s targets, and follows the filters', async () => {
    await page.getByRole('link', { name: 'Parcours', exact: true }).click();
    await page.waitForURL(/\/app\/parcours$/);
    await page.locator('[data-kpi="questionnaireCompletionPermille"]').waitFor();
    const from = await shownDay('Du');
    const to = await shownDay('Au');
    const all = await expectKpiCards(`from=${from}&to=${to}&granularity=month`);
    // The seed's history has made the targets split: some met, some missed, so both colours are exercised.
    const verdicts = await page.locator('[data-kpi]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-verdict')));
    expect(verdicts).toHaveLength(6);
    expect(await page.getByText('Objectif : > 70 %').count()).toBe(1);
    expect(await page.getByText('Objectif : < 30 min').count()).toBe(1);

    // Revenue now: MRR and ARR as the API gives them.
    expect(all.revenue.currency).toBe('CHF');
    expect((await page.locator('[data-revenue="mrr"]').getByTestId('revenue-value').textContent())?.trim()).toMatch(swissFrancs(all.revenue.mrr));
    expect((await page.locator('[data-revenue="arr"]').getByTestId('revenue-value').textContent())?.trim()).toMatch(swissFrancs(all.revenue.arr));
    // The charts are drawn (recharts loaded lazily).
    await page.locator('section[aria-label="Tunnel par période"] .recharts-surface').first().waitFor();
    await page.locator('section[aria-label="MRR par type de client"] .recharts-surface').first().waitFor();

    // Companies only, by week: the URL keeps the filters and the cards follow the API.
    await page.getByRole('combobox', { name: 'Type de client' }).click();
    await page.getByRole('option', { name: 'Entreprise' }).click();
    await page.getByText('Semaine', { exact: true }).click();
    await page.waitForURL(/type=entreprise/);
    await page.waitForURL(/pas=week/);
    const companies = await expectKpiCards(`from=${from}&to=${to}&granularity=week&clientType=entreprise`);
    expect(companies.kpis.started).toBeLessThan(all.kpis.started);
  });

  it('the views: "Clients actifs" with their renewal, "Revenus" by client type, "Conversions" by source, "Prospects" in the four in-journey statuses', async () => {
    await page.getByRole('tab', { name: 'Clients actifs' }).click();
    await page.waitForURL(/\/app\/parcours\/prospects\?vue=clients-actifs$/);
    const clients = (await api<{ total: number; items: ProspectRow[] }>('GET', '/api/prospects?status=client_actif,paiement_en_echec&limit=200')).body;
    const actives = (await api<{ total: number }>('GET', '/api/prospects?status=client_actif&limit=1')).body.total;
    const failed = (await api<{ total: number }>('GET', '/api/prospects?status=paiement_en_echec&limit=1')).body.total;
    expect(clients.total).toBe(actives + failed);
    const unknown = await api<{ errors: { field: string }[] }>('GET', '/api/prospects?status=client_actif,nope');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]!.field).toMatch(/status/);
    expect(clients.total).toBeGreaterThan(25);
    await expect.poll(() => page.getByTestId('prospects-count').textContent()).toBe(`25 affichés sur ${clients.total}`);
    const statuses = await page.locator('tr[data-prospect] [data-status]').evaluateAll((badges) => badges.map((b) => b.getAttribute('data-status')));
    expect(statuses).toHaveLength(25);
    expect(statuses.every((s) => s === 'client_actif' || s === 'paiement_en_echec')).toBe(true);
    // Paid annual mandates show their next renewal, offered ones none.
    const renewals = await page.getByTestId('renewal').allTextContents();
    expect(renewals.some((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(r))).toBe(true);
    // Page 2 lists the next ones.
    const firstPage = await page.locator('tr[data-prospect]').first().getAttribute('data-prospect');
    await page.getByRole('button', { name: '2', exact: true }).click();
    await expect.poll(() => page.locator('tr[data-prospect]').first().getAttribute('data-prospect')).not.toBe(firstPage);

    // "Revenus": the split by client type is the API's, for the default period the filters show.
    await page.getByRole('tab', { name: 'Revenus' }).click();
    await page.waitForURL(/vue=revenus$/);
    await page.locator('tr[data-client-type="particulier"]').waitFor();
    const revenue = (await api<Analytics & { revenue: { byClientType: { clientType: string; clients: number; mrr: number; arr: number }[] } }>(
      'GET',
      `/api/journeys/analytics?from=${await shownDay('Du')}&to=${await shownDay('Au')}&granularity=month`,
    )).body.revenue;
    for (const row of revenue.byClientType) {
      const cells = (await page.locator(`tr[data-client-type="${row.clientType}"] td`).allTextContents()).map((c) => c.trim());
      expect(cells[1]).toBe(String(row.clients));
      expect(cells[2]).toMatch(swissFrancs(row.mrr));
      expect(cells[3]).toMatch(swissFrancs(row.arr));
    }

    // "Conversions": the conversion rate by source, from the API's cohort of each source.
    await page.getByRole('tab', { name: 'Conversions' }).click();
    await page.waitForURL(/vue=conversions$/);
    const web = page.locator('tr[data-source="web"] td');
    await expect.poll(async () => (await web.nth(1).textContent())?.trim(), { timeout: 15_000 }).toMatch(/^\d+$/);
    const webKpis = (await api<Analytics>('GET', `/api/journeys/analytics?from=${await shownDay('Du')}&to=${await shownDay('Au')}&granularity=month&source=web`)).body.kpis;
    const cells = (await web.allTextContents()).map((c) => c.trim());
    expect(cells.slice(1, 3)).toEqual([String(webKpis.started), String(webKpis.activations)]);
    const rate = Math.floor((webKpis.activations * 2000 + webKpis.started) / (webKpis.started * 2));
    expect(cells[3]).toMatch(expectedKpiText('signaturePermille', rate));

    await page.getByRole('tab', { name: 'Prospects' }).click();
    await page.waitForURL(/vue=prospects$/);
    const inJourney = (await api<{ total: number }>('GET', '/api/prospects?status=prospect,en_signature,en_paiement,abandonne&limit=1')).body.total;
    await expect.poll(() => page.getByTestId('prospects-count').textContent()).toMatch(new RegExp(` sur ${inJourney}$`));
  });

  it('a prospect’s page shows the answers, consent and timeline, exports the person’s data and erases it with a reason', async () => {
    const abandoned = (await api<{ items: ProspectRow[] }>('GET', '/api/prospects?status=abandonne&limit=1')).body.items[0]!;
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill(abandoned.name!);
    await page.locator(`tr[data-prospect="${abandoned.id}"]`).click();
    await page.waitForURL(new RegExp(`/app/parcours/prospects/${abandoned.id}$`));
    await page.getByRole('heading', { name: abandoned.name! }).waitFor();
    expect(await page.locator('[data-field="first_name"]').textContent()).toContain(abandoned.name!.split(' ')[0]);
    expect(await page.locator('[data-event="started"]').count()).toBe(1);
    expect(await page.locator('[data-event="abandoned"]').count()).toBe(1);
    expect(await page.getByTestId('public-link').textContent()).toMatch(/\/parcours\/p\/[\w-]{43}$/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter les données' }).click()]);
    expect(download.suggestedFilename()).toBe(`donnees-personnelles-${abandoned.id}.json`);
    const exported = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(exported.prospect).toMatchObject({ id: abandoned.id, name: abandoned.name, status: 'abandonne' });
    expect(exported.prospect.events.map((e: { kind: string }) => e.kind)).toContain('started');

    // Erasure: the reason is required; then the personal fields go and the page says what was kept.
    await page.getByRole('button', { name: 'Effacer les données' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await dialog.getByText('Indiquez le motif (3 caractères au moins).').waitFor();
    expect((await api<ProspectRow>('GET', `/api/prospects/${abandoned.id}`)).body.erasedAt).toBeNull();
    await dialog.getByRole('textbox', { name: /Motif de l’effacement/ }).fill('Demande écrite de la personne');
    await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('erased').getByText('Conservé pour les obligations légales : 0 commande(s) et leurs factures.').waitFor();
    const after = (await api<ProspectRow & { publicUrl: string | null }>('GET', `/api/prospects/${abandoned.id}`)).body;
    expect(after).toMatchObject({ name: null, publicUrl: null });
    expect(after.erasedAt).not.toBeNull();
    await page.locator('[data-event="erased"]').waitFor();
    expect(await page.getByRole('button', { name: 'Effacer les données' }).count()).toBe(0);
  });

  it('the configuration shows a bad definition’s faults, saves a good one as a new version, and invites a prospect with the mandat offert', async () => {
    const journey = (await api<{ items: Journey[] }>('GET', '/api/journeys')).body.items[0]!;
    const detail = (await api<Journey & { definition: { steps: { kind: string }[] } }>('GET', `/api/journeys/${journey.id}`)).body;
    await page.goto(`${session.server.url}/app/parcours`);
    await page.getByRole('button', { name: 'Configurer' }).click();
    await page.waitForURL(new RegExp(`/app/parcours/${journey.id}$`));
    expect(await page.getByTestId('start-url').textContent()).toBe(`${session.server.url}/parcours/winwin/${journey.slug}`);
    await page.getByTestId('journey-retention').getByText('Un prospect sans activité depuis 72 h compte comme abandonné', { exact: false }).waitFor();
    expect(await page.getByTestId('journey-retention').textContent()).toContain('gardées jusqu’à un effacement demandé');

    const editor = page.getByRole('textbox', { name: 'Définition' });
    // A journey that does not start with the questionnaire: refused, the path of the fault shown by the editor.
    await editor.fill(JSON.stringify({ ...detail.definition, steps: detail.definition.steps.filter((s) => s.kind !== 'questionnaire') }, null, 2));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByTestId('definition-errors').getByText('steps.0.kind').waitFor();
    expect((await api<Journey>('GET', `/api/journeys/${journey.id}`)).body.version).toBe(detail.version);

    // Without the signature step (the signature module is not in this test): a new version, prospects go questionnaire → payment.
    // With a retention: abandoned prospects' data erased after 180 days, which the page then says.
    await editor.fill(JSON.stringify({ ...detail.definition, eraseAbandonedAfterDays: 180, steps: detail.definition.steps.filter((s) => s.kind !== 'signature') }, null, 2));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`Définition enregistrée (version ${detail.version + 1}).`).waitFor();
    await page.getByTestId('journey-retention').getByText('effacées 180 jours après sa dernière activité', { exact: false }).waitFor();
    await expect.poll(async () => (await api<Journey>('GET', `/api/journeys/${journey.id}`)).body.version).toBe(detail.version + 1);
    expect(await page.getByTestId('definition-errors').count()).toBe(0);

    await page.getByRole('button', { name: 'Inviter un prospect' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('switch', { name: 'Mandat offert' }).check({ force: true });
    await dialog.getByRole('button', { name: 'Créer le lien' }).click();
    const link = (await dialog.getByTestId('invitation-link').textContent())!;
    expect(link).toMatch(/\/parcours\/p\/[\w-]{43}$/);
    await dialog.getByText('Mandat offert : transmettez ce lien au prospect, il n’aura rien à payer.').waitFor();
    const invited = (await api<{ items: ProspectRow[] }>('GET', '/api/prospects?source=conseiller')).body.items;
    expect(invited).toHaveLength(1);
    expect(invited[0]).toMatchObject({ offered: true, status: 'prospect' });
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    // The invited prospect walks the journey on the public API; the free mandate activates and notifies the owner.
    const prospectToken = link.split('/').pop()!;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${session.server.url}/api/public/prospects/${prospectToken}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.text() };
    };
    const answers = {
      client_type: 'particulier',
      first_name: 'Inès',
      last_name: 'Invitée',
      email: 'ines.invitee@example.ch',
      phone: '+41 32 466 11 22',
      birth_date: '1988-04-02',
      address: 'Grand-Rue 7',
      postcode: '2900',
      city: 'Porrentruy',
      coverages: ['rc_privee'],
      priorities: ['prix'],
    };
    expect((await call('PATCH', '/answers', { answers })).status).toBe(200);
    const submitted = await call('POST', '/submit', { consent: { accepted: true, version: 'winwin-rgpd-2025-11' }, timeZone: 'Europe/Zurich' });
    expect(submitted.status, submitted.body).toBe(200);
    const paid = await call('POST', '/payment');
    expect(paid.status, paid.body).toBe(200);
    expect(JSON.parse(paid.body).kind).toBe('settled');
    await expect.poll(async () => (await api<ProspectRow>('GET', `/api/prospects/${invited[0]!.id}`)).body.status, { timeout: 30_000 }).toBe('client_actif');
    invitedProspectId = invited[0]!.id;
  });

  it('the bell counts the unread notification, opens the new client from it and marks everything read', async () => {
    const prospectId = invitedProspectId;
    const notifications = (await api<{ unread: number; items: { link: string | null; read: boolean }[] }>('GET', '/api/notifications')).body;
    expect(notifications.unread).toBeGreaterThan(0);
    expect(notifications.items.some((n) => n.link === `/app/parcours/prospects/${prospectId}`)).toBe(true);

    await page.reload();
    const bell = page.getByTestId('notifications-unread');
    await expect.poll(() => bell.getAttribute('data-count'), { timeout: 35_000 }).toBe(String(notifications.unread));
    await page.getByRole('button', { name: /^Notifications \(\d+ non lues\)$/ }).click();
    const item = page.locator('[data-notification][data-read="false"]').first();
    await item.waitFor();
    await item.click();
    await page.waitForURL(new RegExp(`/app/parcours/prospects/${prospectId}$`));
    await page.getByRole('heading', { name: 'Inès Invitée' }).waitFor();
    await expect.poll(() => bell.getAttribute('data-count')).toBe(String(notifications.unread - 1));

    if (notifications.unread > 1) {
      await page.getByRole('button', { name: /^Notifications/ }).click();
      await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    }
    await expect.poll(() => bell.getAttribute('data-count')).toBe('0');
    expect((await api<{ unread: number }>('GET', '/api/notifications')).body.unread).toBe(0);
  });
});
