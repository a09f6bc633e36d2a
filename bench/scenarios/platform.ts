import { withServer } from '../lib/baselines.ts';
import { measureLoad } from '../lib/load.ts';
import type { Scenario } from '../lib/scenario.ts';

/** The platform's own request path: every plugin (helmet, CORS, rate limit, request id, zod). */
export const platformScenario: Scenario = {
  name: 'platform',
  async run({ app, baselines }) {
    return withServer(app, async (url) => [
      { scenario: 'GET /healthz (full plugin stack, no database)', result: await measureLoad(`${url}/healthz`), baseline: baselines.hello },
      { scenario: 'GET /readyz (Drizzle `select 1` + job check)', result: await measureLoad(`${url}/readyz`), baseline: baselines.select1 },
    ]);
  },
};
