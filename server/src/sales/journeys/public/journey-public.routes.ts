import { z } from 'zod';
import type { App, Runtime } from '../../../platform/module.ts';
import { findPublicJourney, startProspect } from './start-prospect.ts';
import { saveAnswers } from './save-answers.ts';
import { submitQuestionnaire } from './submit-questionnaire.ts';
import { prospectView } from './prospect-view.ts';
import { journeyPageUrl, startProspectPayment } from './start-payment.ts';
import { mailResumeLink } from './resume-link.ts';
import { startProspectSignature } from './start-signature.ts';
import { loadProspectByToken } from '../prospect-store.ts';
import { signedMandate } from './signed-mandate.ts';
import { confirmProspectDocument, prospectDocuments, uploadProspectDocument } from './prospect-documents.ts';
import { acceptRawUploads, uploadBodyLimit } from '../../../documents/routes/raw-upload.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';

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

  app.get('/api/public/prospects/:token/documents', { schema: { tags, summary: 'The prospect’s uploaded policies with what was read from them', params: tokenParams }, config: { public: true } }, async (request) =>
    prospectDocuments(runtime.db, request.params.token),
  );

  // The file is the raw request body (PDF, PNG, JPEG), its type read from the bytes by the documents module.
  app.register(async (scope) => {
    acceptRawUploads(scope, runtime.config.uploadMaxBytes);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/public/prospects/:token/documents',
      {
        bodyLimit: uploadBodyLimit(runtime.config.uploadMaxBytes),
        schema: { tags, summary: 'Upload a current insurance policy (raw body: PDF, PNG or JPEG, at most UPLOAD_MAX_MB — see /api/documents/upload-policy); it is then read by a job', params: tokenParams, querystring: z.object({ filename: z.string().trim().min(1).max(255) }) },
        config: { public: true, rateLimit: { max: 30, timeWindow: '10 minutes' } },
      },
      async (request, reply) => {
        const body = request.body;
        await loadProspectByToken(runtime.db, request.params.token); // an unknown link is a 404 before anything else
        if (!Buffer.isBuffer(body)) return reply.code(415).type('application/problem+json').send({ type: 'about:blank', title: 'Type de contenu non pris en charge', status: 415, detail: 'Envoyez le fichier (PDF, PNG ou JPEG) comme corps de la requête.' });
        const stored = await uploadProspectDocument(runtime, request.params.token, { filename: request.query.filename, contentType: request.headers['content-type'], bytes: body }, request.auth.requestId);
        return reply.code(stored.duplicate ? 200 : 201).send(stored);
      },
    );
  });

  app.put(
    '/api/public/prospects/:token/documents/:documentId/extraction',
    { schema: { tags, summary: 'The prospect confirms or corrects the fields read from a policy', params: tokenParams.extend({ documentId: z.uuid() }), body: z.object({ fields: z.record(z.string(), z.unknown()) }) }, config: publicWrite },
    async (request) => confirmProspectDocument(runtime, request.params.token, request.params.documentId, request.body.fields, request.auth.requestId),
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
