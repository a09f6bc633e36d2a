import { expect } from 'vitest';
import { seedJourneysDemo, WINWIN_JOURNEY_SLUG } from '../seed/seed-journeys-demo.ts';
import { type PaymentsHarness, startPaymentsHarness } from '../../../payments/test/payments-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: parsed HTTP answers, checked by the assertions that read them
export type Json = Record<string, any>;

export const LEA = {
  client_type: 'particulier',
  first_name: 'Léa',
  last_name: 'Muller',
  email: 'lea.journey@example.ch',
  phone: '+41 32 466 11 00',
  birth_date: '1990-05-12',
  address: 'Rue du Marché 4',
  postcode: '2900',
  city: 'Porrentruy',
  coverages: ['rc_privee', 'menage'],
  priorities: ['prix'],
};

/** A drawn signature as the signing page posts it: two strokes of a zigzag across a 600 × 200 canvas. */
export function zigzag(points = 40, width = 600, height = 200) {
  const stroke = Array.from({ length: points }, (_, i) => ({ x: 20 + (i * (width - 40)) / points, y: i % 2 === 0 ? 40 : height - 40, t: i * 16 }));
  return { width, height, pointerType: 'mouse', strokes: [stroke, stroke.slice(0, 10).map((p) => ({ ...p, y: p.y / 2 + 30 }))] };
}

export interface JourneyHarness extends PaymentsHarness {
  start(source?: string): Promise<string>;
  view(token: string): Promise<Json>;
  save(token: string, answers: Json): Promise<{ statusCode: number; body: Json }>;
  submit(token: string, consent?: Json): Promise<{ statusCode: number; body: Json }>;
  payment(token: string): Promise<{ statusCode: number; body: Json }>;
}

/** The payments harness (workers, sandbox webhooks over HTTP) plus WIN WIN's journey and its public API. */
export async function startJourneyHarness(): Promise<JourneyHarness> {
  const h = await startPaymentsHarness();
  await seedJourneysDemo(h.test.runtime);
  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const response = await h.app.inject({ method, url, ...(payload ? { payload } : {}) });
    return { statusCode: response.statusCode, body: response.body ? response.json() : null };
  };
  return {
    ...h,
    async start(source) {
      const response = await call('POST', `/api/public/journeys/winwin/${WINWIN_JOURNEY_SLUG}/start`, { source });
      expect(response.statusCode, JSON.stringify(response.body)).toBe(201);
      return response.body.token as string;
    },
    async view(token) {
      const response = await call('GET', `/api/public/prospects/${token}`);
      expect(response.statusCode, JSON.stringify(response.body)).toBe(200);
      return response.body;
    },
    save: (token, answers) => call('PATCH', `/api/public/prospects/${token}/answers`, { answers }),
    submit: (token, consent = { accepted: true, version: 'winwin-rgpd-2025-11' }) => call('POST', `/api/public/prospects/${token}/submit`, { consent, timeZone: 'Europe/Zurich' }),
    payment: (token) => call('POST', `/api/public/prospects/${token}/payment`),
  };
}
