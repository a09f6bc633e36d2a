import { eq } from 'drizzle-orm';
import type { DemoSeedReport, Runtime } from '../module.ts';
import { systemSettings } from '../schema.ts';

const DEMO_SEEDED = 'demo.seeded_at';

export interface DemoSeedOutcome {
  seeded: boolean;
  reports: { module: string; report: DemoSeedReport }[];
}

/** Runs every module's demo seed once per database; `force` runs them again. */
export async function seedDemo(runtime: Runtime, options: { force?: boolean } = {}): Promise<DemoSeedOutcome> {
  const [done] = await runtime.db.select().from(systemSettings).where(eq(systemSettings.key, DEMO_SEEDED));
  if (done && !options.force) return { seeded: false, reports: [] };
  const reports: DemoSeedOutcome['reports'] = [];
  for (const module of runtime.modules) {
    if (!module.seedDemo) continue;
    reports.push({ module: module.name, report: await module.seedDemo(runtime) });
  }
  const value = runtime.clock.now().toISOString();
  await runtime.db
    .insert(systemSettings)
    .values({ key: DEMO_SEEDED, value })
    .onConflictDoUpdate({ target: systemSettings.key, set: { value, updatedAt: new Date() } });
  return { seeded: true, reports };
}
