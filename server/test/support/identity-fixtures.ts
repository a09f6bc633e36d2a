import { expect } from 'vitest';
import { seedIdentityDemo } from '../../src/identity/seed/seed-identity-demo.ts';
import { DEMO_PASSWORD } from '../../src/identity/seed/demo-data.ts';
import type { App, Runtime } from '../../src/platform/module.ts';

/** The four demo workspaces with their personas (`<persona>@<workspace>.demo`). */
export async function seedDemoIdentity(runtime: Runtime): Promise<void> {
  await seedIdentityDemo(runtime);
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  headers: { authorization: string };
}

/** Signs in through the real endpoint and returns a bearer token. */
export async function signIn(app: App, email: string, extra: { totp?: string; workspace?: string; password?: string } = {}): Promise<SignedIn> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: extra.password ?? DEMO_PASSWORD, ...(extra.totp ? { totp: extra.totp } : {}), ...(extra.workspace ? { workspace: extra.workspace } : {}) },
  });
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json() as { token: string; csrfToken: string };
  return { token: body.token, csrfToken: body.csrfToken, headers: { authorization: `Bearer ${body.token}` } };
}
