import { z } from 'zod';
import type { App, Runtime } from '../../../platform/module.ts';
import { findPublicJourney, startProspect } from './start-prospect.ts';
import { saveAnswers } from './save-answers.ts';
import { submitQuestionnaire } from './submit-questionnaire.ts';
import { prospectView } from './prospect-view.ts';
import { journeyPageUrl, startProspectPayment } from './start-payment.ts';
import { mailResumeLink } from './resume-link.ts';
import { startProspectSignature } from './start-signature.ts';
import { signedMandate } from './signed-mandate.ts';

const tags = ['journeys (public)'];
const tokenParams = z.object({ token: z.string().min(20).max(100) });
const journeyParams = z.object({ workspace: z.string().min(1).max(64), journey: z.string().min(1).max(64) });
const answerValue = z.union([z.string().max(4000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50), z.null()]);
const publicWrite = { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } };

/**
 * The prospect's pages (seed 004): a start URL per journey, then everything by the prospect's opaque token. No
 * session: the token is the capability, 32 random bytes, and every write is rate-limited.
 */
export function journeyPublicRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/public/journeys/:workspace/:journey',
    {
      schema: { tags, summary: 'A journey’s public start page', params: journeyParams, response: { 200: z.object({ name: z.string(), brand: z.object({ name: z.string(), tagline: z.string().optional() }), steps: z.array(z.string()) }) } },
      config: { public: true },
    },
    async (request) => {
      const journey = await findPublicJourney(runtime, request.params.workspace, request.params.journey);
      return { name: journey.name, brand: journey.definition.brand, steps: journey.definition.steps.map((s) => s.kind) };
    },
  );

  app.post(
    '/api/public/journeys/:workspace/:journey/start',
    {
      schema: { tags, summary: 'Start a journey: creates the prospect and returns its personal link', params: journeyParams, body: z.object({ source: z.string().max(60).nullish() }).default({}), response: { 201: z.object({ token: z.string(), url: z.string() }) } },
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const prospect = await startProspect(runtime, { workspaceSlug: request.params.workspace, journeySlug: request.params.journey, source: request.body?.source, requestId: request.auth.requestId });
      return reply.code(201).send({ token: prospect.token, url: journeyPageUrl(runtime, prospect.token) });
    },
  );

  app.get('/api/public/prospects/:token', { schema: { tags, summary: 'The prospect’s page: step, form, answers, price, activation recap', params: tokenParams }, config: { public: true } }, async (request) =>
    prospectView(runtime, request.params.token),
  );

  app.patch(
    '/api/public/prospects/:token/answers',
    { schema: { tags, summary: 'Autosave answers (null clears one); checked field by field', params: tokenParams, body: z.object({ answers: z.record(z.string().max(63), answerValue) }), response: { 200: z.object({ saved: z.number().int() }) } }, config: publicWrite },
    async (request) => {
      await saveAnswers(runtime, request.params.token, request.body.answers, request.auth.requestId);
      return { saved: Object.keys(request.body.answers).length };
    },
  );

  app.post(
    '/api/public/prospects/:token/submit',
    {
      schema: {
        tags,
        summary: 'Send the questionnaire with the GDPR consent; prices it from the catalog',
        params: tokenParams,
        body: z.object({ consent: z.object({ accepted: z.boolean(), version: z.string().min(1).max(100) }), timeZone: z.string().max(64).nullish() }),
      },
      config: publicWrite,
    },
    async (request) => {
      await submitQuestionnaire(runtime, request.params.token, request.body, request.auth.requestId);
      return prospectView(runtime, request.params.token);
    },
  );

  app.post(
    '/api/public/prospects/:token/signature',
    { schema: { tags, summary: 'Open the mandate’s signing page (a signature request, reopened until signed)', params: tokenParams, response: { 200: z.object({ url: z.string() }) } }, config: publicWrite },
    async (request) => startProspectSignature(runtime, request.params.token, request.auth.requestId),
  );

  app.get(
    '/api/public/prospects/:token/mandate.pdf',
    { schema: { tags, summary: 'The signed and sealed mandate (PDF)', params: tokenParams }, config: { public: true } },
    async (request, reply) => {
      const file = await signedMandate(runtime, request.params.token);
      return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
    },
  );

  app.post(
    '/api/public/prospects/:token/payment',
    { schema: { tags, summary: 'Pay (opens the checkout) or activate a free mandate', params: tokenParams, response: { 200: z.object({ kind: z.enum(['redirect', 'settled']), url: z.string() }) } }, config: publicWrite },
    async (request) => startProspectPayment(runtime, request.params.token, request.auth.requestId),
  );

  app.post(
    '/api/public/prospects/:token/resume-link',
    { schema: { tags, summary: 'Mail the personal link to the address given in the questionnaire', params: tokenParams, response: { 202: z.null() } }, config: { public: true, rateLimit: { max: 3, timeWindow: '10 minutes' } } },
    async (request, reply) => {
      await mailResumeLink(runtime, request.params.token);
      return reply.code(202).send(null);
    },
  );
}
