/**
 * Catalog volume generator for the benchmark of issue #4 (Annex H: 50,000 products, 500,000 versions).
 *
 * On a fresh database it seeds the identity and catalog demo data, then creates, for the four companies
 * of the winvest workspace, N products (BENCH_PRODUCTS, default 50,000) with M consecutive monthly
 * versions each (BENCH_VERSIONS_PER_PRODUCT, default 10), the last one open-ended and in force today.
 * Every version gets one or two plans priced by a fixed rule shaped like the Mondial TV fixture.
 *
 * Raw SQL, multi-row statements: products go in by batches of 1,000 rows (`unnest` of arrays, one
 * statement per batch), their versions, plans and rules by `INSERT … SELECT generate_series(…)` over the
 * batch. Nothing is disabled (the exclusion constraint, the checks and every index stay on); ANALYZE at the end.
 */
import { uuidv7 } from 'uuidv7';
import type { Database } from '../../server/src/platform/db/database.ts';
import type { Services } from '../../server/src/platform/services.ts';
import { seedCatalogDemo } from '../../server/src/catalog/seed/seed-catalog-demo.ts';
import { seedIdentityDemo } from '../../server/src/identity/seed/seed-identity-demo.ts';

export interface GenerateOptions {
  products?: number;
  versionsPerProduct?: number;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GeneratedCatalog {
  products: number;
  versions: number;
  plans: number;
  rules: number;
  /** Wall-clock time of the generation proper (batches + ANALYZE), seeds excluded. */
  generationMs: number;
  seedMs: number;
  /** SKUs of generated products, for the quote load (spread over the whole set). */
  sampleSkus: string[];
  /** A word that appears in about 1 % of the generated names, and how many products carry it. */
  searchWord: string;
  searchWordProducts: number;
}

type Query = (text: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

function rawQuery(database: Database): Query {
  if (database.pglite) return (text, params) => database.pglite!.query(text, params) as Promise<{ rows: Record<string, unknown>[] }>;
  return (text, params) => database.pool!.query(text, params);
}

// Realistic French offer names: kind + subject + formula + collection. The collection word (100 of them)
// is drawn uniformly, so each one names about 1 % of the products: the search benchmark looks one up.
const kinds = ['Assurance', 'Garantie', 'Offre', 'Forfait', 'Pack', 'Contrat', 'Formule', 'Protection', 'Couverture', 'Abonnement', 'Option', 'Service'];
const subjects = [
  'habitation', 'auto', 'moto', 'santé', 'obsèques', 'emprunteur', 'scolaire', 'animaux', 'mobile', 'fibre', 'télévision', 'énergie',
  'dépannage', 'protection juridique', 'voyage', 'ski', 'vélo électrique', 'smartphone', 'chaudière', 'plomberie', 'électricité', 'prévoyance',
  'dépendance', 'hospitalisation', 'dentaire', 'optique', 'multirisque professionnelle', 'responsabilité civile', 'bris de glace', 'cyber-risques',
];
const formulas = ['Essentiel', 'Confort', 'Sérénité', 'Intégral', 'Premium', 'Jeunes', 'Famille', 'Senior', 'Pro', 'Liberté', 'Tranquillité', 'Éco', 'Plus', 'Découverte', 'Excellence'];
const collections = [
  'Camargue', 'Vercors', 'Cévennes', 'Morvan', 'Quercy', 'Luberon', 'Aubrac', 'Sologne', 'Bocage', 'Armorique', 'Cotentin', 'Vendée', 'Périgord',
  'Gascogne', 'Béarn', 'Cerdagne', 'Chartreuse', 'Beaujolais', 'Bourbonnais', 'Limousin', 'Margeride', 'Ardennes', 'Vosges', 'Jura', 'Queyras',
  'Dévoluy', 'Oisans', 'Maurienne', 'Tarentaise', 'Chablais', 'Bugey', 'Dombes', 'Bresse', 'Forez', 'Velay', 'Vivarais', 'Gévaudan', 'Rouergue',
  'Lauragais', 'Minervois', 'Corbières', 'Roussillon', 'Vallespir', 'Conflent', 'Comminges', 'Bigorre', 'Chalosse', 'Médoc', 'Saintonge', 'Aunis',
  'Poitou', 'Berry', 'Touraine', 'Anjou', 'Maine', 'Perche', 'Vexin', 'Beauce', 'Brie', 'Gâtinais', 'Hurepoix', 'Valois', 'Soissonnais', 'Thiérache',
  'Avesnois', 'Boulonnais', 'Ternois', 'Caux', 'Bray', 'Auge', 'Bessin', 'Avranchin', 'Trégor', 'Léon', 'Cornouaille', 'Vannetais', 'Penthièvre',
  'Goëlo', 'Poher', 'Mauges', 'Choletais', 'Gâtine', 'Marais', 'Brenne', 'Boischaut', 'Combrailles', 'Livradois', 'Artense', 'Cézallier',
  'Carladès', 'Ségala', 'Causses', 'Larzac', 'Lodévois', 'Camarès', 'Albigeois', 'Tricastin', 'Diois', 'Baronnies', 'Trièves',
];
const riskDefs = [
  { code: 'HABITATION', label: 'Assurance habitation' },
  { code: 'AUTO', label: 'Assurance automobile' },
  { code: 'SANTE', label: 'Complémentaire santé' },
  { code: 'PREVOYANCE', label: 'Prévoyance' },
  { code: 'ASSISTANCE', label: 'Dépannage et assistance' },
  { code: 'TELECOM', label: 'Téléphonie et internet' },
  { code: 'ENERGIE', label: 'Fourniture d’énergie' },
];
const partnerNames = ['Mutuelle du Littoral', 'Assurances Garonne', 'Prévoyance Rhône-Alpes', 'Courtage Atlantique', 'Assistance Hexagone', 'Énergies Solidaires'];

/** A small deterministic generator, so two runs build the same catalog. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generationSize(env: NodeJS.ProcessEnv = process.env): { products: number; versionsPerProduct: number } {
  return { products: Number(env.BENCH_PRODUCTS ?? 50_000), versionsPerProduct: Number(env.BENCH_VERSIONS_PER_PRODUCT ?? 10) };
}

export async function generateCatalog(services: Services, options: GenerateOptions = {}): Promise<GeneratedCatalog> {
  const size = generationSize();
  const total = options.products ?? size.products;
  const versionsPerProduct = options.versionsPerProduct ?? size.versionsPerProduct;
  const batchSize = options.batchSize ?? 1_000;
  const query = rawQuery(services.database);

  const seedStart = performance.now();
  await seedIdentityDemo(services);
  await seedCatalogDemo(services);
  const seedMs = performance.now() - seedStart;

  const start = performance.now();
  const [workspace] = (await query(`select id from identity.workspace where slug = 'winvest'`)).rows as { id: string }[];
  if (!workspace) throw new Error('The winvest demo workspace is missing.');
  const companies = (await query(`select id, currency from identity.company where workspace_id = $1 order by legal_name`, [workspace.id])).rows as { id: string; currency: string }[];

  // A few risks and partners per company (the demo's own are reused: ON CONFLICT on their unique keys).
  const refs: { companyId: string; currency: string; risks: { id: string; code: string; label: string }[]; partners: { id: string; name: string }[] }[] = [];
  for (const company of companies) {
    for (const risk of riskDefs) {
      await query(
        `insert into catalog.risk (id, workspace_id, company_id, code, label) values ($1, $2, $3, $4, $5) on conflict (company_id, code) do nothing`,
        [uuidv7(), workspace.id, company.id, risk.code, risk.label],
      );
    }
    for (const name of partnerNames) {
      await query(
        `insert into catalog.partner (id, workspace_id, company_id, type, name) values ($1, $2, $3, 'insurer', $4) on conflict (company_id, name) do nothing`,
        [uuidv7(), workspace.id, company.id, name],
      );
    }
    refs.push({
      companyId: company.id,
      currency: company.currency,
      risks: (await query(`select id, code, label from catalog.risk where company_id = $1 order by code`, [company.id])).rows as { id: string; code: string; label: string }[],
      partners: (await query(`select id, name from catalog.partner where company_id = $1 and name = any($2) order by name`, [company.id, partnerNames])).rows as { id: string; name: string }[],
    });
  }

  // Monthly periods ending with the open-ended current one: version M starts on the first of this month (UTC).
  const now = new Date();
  const currentMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  const random = mulberry32(20261124);
  const sampleEvery = Math.max(1, Math.floor(total / 100));
  const sampleSkus: string[] = [];
  const searchWord = collections[0]!;
  let searchWordProducts = 0;

  for (let offset = 0; offset < total; offset += batchSize) {
    const count = Math.min(batchSize, total - offset);
    const cols = { id: [] as string[], company: [] as string[], risk: [] as string[], partner: [] as (string | null)[], sku: [] as string[], name: [] as string[], shortName: [] as (string | null)[], searchText: [] as string[], plans: [] as number[], amount: [] as number[] };
    for (let i = 0; i < count; i++) {
      const n = offset + i;
      const ref = refs[n % refs.length]!;
      const risk = ref.risks[Math.floor(random() * ref.risks.length)]!;
      const partner = random() < 0.7 ? ref.partners[Math.floor(random() * ref.partners.length)]! : null;
      const collection = collections[Math.floor(random() * collections.length)]!;
      if (collection === searchWord) searchWordProducts++;
      const name = `${kinds[Math.floor(random() * kinds.length)]} ${subjects[Math.floor(random() * subjects.length)]} ${formulas[Math.floor(random() * formulas.length)]} ${collection}`;
      const sku = `GEN-${risk.code.slice(0, 3)}-${String(n + 1).padStart(6, '0')}`;
      const shortName = random() < 0.5 ? `${collection} ${n + 1}` : null;
      if (n % sampleEvery === 0 && sampleSkus.length < 100) sampleSkus.push(sku);
      cols.id.push(uuidv7());
      cols.company.push(ref.companyId);
      cols.risk.push(risk.id);
      cols.partner.push(partner?.id ?? null);
      cols.sku.push(sku);
      cols.name.push(name);
      cols.shortName.push(shortName);
      // searchTextOf: name, sku, short name, risk code, risk label, partner name, blanks dropped.
      cols.searchText.push([name, sku, shortName, risk.code, risk.label, partner?.name].filter(Boolean).join(' '));
      cols.plans.push(n % 2 === 0 ? 1 : 2);
      cols.amount.push(490 + 100 * Math.floor(random() * 50));
    }
    await query(
      `insert into catalog.product (id, workspace_id, company_id, partner_id, risk_id, sku, name, short_name, description, revenue_model, lifecycle_status, pricing_source, search_text)
       select p.id, $1, p.company_id, p.partner_id, p.risk_id, p.sku, p.name, p.short_name, 'Offre générée pour le banc d’essai du catalogue.', 'revenue', 'active', 'internal', p.search_text
         from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::text[]) as p(id, company_id, risk_id, partner_id, sku, name, short_name, search_text)`,
      [workspace.id, cols.id, cols.company, cols.risk, cols.partner, cols.sku, cols.name, cols.shortName, cols.searchText],
    );
    // M consecutive monthly versions per product: [start + (v-M) months, start + (v-M+1) months), the last open-ended.
    await query(
      `insert into catalog.product_version (id, workspace_id, product_id, version, effective_from, effective_to, notes)
       select gen_random_uuid(), $1, p.id, v,
              $3::timestamptz + make_interval(months => v - $4),
              case when v = $4 then null else $3::timestamptz + make_interval(months => v - $4 + 1) end,
              'Version mensuelle ' || v
         from unnest($2::uuid[]) as p(id) cross join generate_series(1, $4::int) as v`,
      [workspace.id, cols.id, currentMonth, versionsPerProduct],
    );
    // One or two plans per version (BASIC always; CONFORT on odd products), fixed monthly rule as in MONDIAL_TV.
    await query(
      `insert into catalog.product_plan (id, product_version_id, code, name, recurrence, adjustments, position)
       select gen_random_uuid(), pv.id, plan.code, plan.name, 'monthly', '{}'::jsonb, plan.position
         from catalog.product_version pv
         join unnest($1::uuid[], $2::int[]) as p(id, plans) on p.id = pv.product_id
         cross join lateral (values ('BASIC', 'Essentiel', 0), ('CONFORT', 'Confort', 1)) as plan(code, name, position)
        where plan.position < p.plans`,
      [cols.id, cols.plans],
    );
    await query(
      `insert into catalog.pricing_rule (id, product_version_id, plan_id, type, currency, payload, tax_category, tax_included)
       select gen_random_uuid(), pv.id, pl.id, 'fixed', $3,
              jsonb_build_object('type', 'fixed', 'amount', p.amount + pl.position * 1000 + pv.version * 10, 'taxMode', 'incl', 'taxCategory', 'standard',
                                 'recurrence', jsonb_build_object('kind', 'recurring', 'every', 1, 'unit', 'month')),
              'standard', true
         from catalog.product_version pv
         join unnest($1::uuid[], $2::int[]) as p(id, amount) on p.id = pv.product_id
         join catalog.product_plan pl on pl.product_version_id = pv.id`,
      [cols.id, cols.amount, 'EUR'],
    );
    options.onProgress?.(offset + count, total);
  }
  await query('analyze');
  const generationMs = performance.now() - start;

  const counts = (
    await query(
      `select (select count(*)::int from catalog.product where sku like 'GEN-%') as products,
              (select count(*)::int from catalog.product_version pv join catalog.product p on p.id = pv.product_id where p.sku like 'GEN-%') as versions,
              (select count(*)::int from catalog.product_plan) as plans,
              (select count(*)::int from catalog.pricing_rule) as rules`,
    )
  ).rows[0] as { products: number; versions: number; plans: number; rules: number };
  return { ...counts, generationMs, seedMs, sampleSkus, searchWord, searchWordProducts };
}
