import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { companies } from '../../identity/schema.ts';
import type { DemoSeedReport } from '../../platform/module.ts';
import type { Services } from '../../platform/services.ts';
import { INSURANCE_POLICY, storeUpload } from '../uploads/store-upload.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../extraction/fixtures');

/** WIN WIN: a demo prospect's two current policies (one PDF with text, one photo), read by the job at start. */
export const DEMO_PROSPECT = { kind: 'prospect', id: 'demo-marie-exemple' };

export async function seedDocumentsDemo(services: Services): Promise<DemoSeedReport> {
  const [company] = await services.db.select({ id: companies.id, workspaceId: companies.workspaceId }).from(companies).where(eq(companies.legalName, 'WIN WIN Finance Sàrl'));
  if (!company) return { lines: [] };
  const files = [
    ['police-menage-rc-axa.pdf', 'policy-text-layer.pdf'],
    ['photo-police-lamal.png', 'policy-scan.png'],
  ] as const;
  for (const [filename, fixture] of files) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fixtures, fixture)));
    await services.db.transaction((tx) =>
      storeUpload(tx, services, { workspaceId: company.workspaceId, companyId: company.id, owner: DEMO_PROSPECT, purpose: INSURANCE_POLICY, filename, contentType: filename.endsWith('.pdf') ? 'application/pdf' : 'image/png', bytes }, { auth: { kind: 'anonymous', requestId: 'seed' }, label: 'system:seed' }),
    );
  }
  return { lines: [`Documents WIN WIN : 2 polices du prospect « ${DEMO_PROSPECT.id} » à relire dans /app/documents`] };
}
