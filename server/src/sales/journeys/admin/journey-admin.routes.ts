import { z } from 'zod';
import { requireAuthenticated, requirePermission } from '../../../identity/access/guards.ts';
import { actorLabel } from '../../../identity/access/auth-context.ts';
import type { App, Runtime } from '../../../platform/module.ts';
import { PROSPECT_STATUSES } from '../rules/prospect-status.ts';
import { journeyAnalytics } from '../analytics/journey-analytics.ts';
import { eraseProspect, exportProspectArchive, exportProspectData } from '../gdpr/personal-data.ts';
import { journeyPageUrl } from '../public/start-payment.ts';
import { startProspect } from '../public/start-prospect.ts';
import { listJourneys, listProspects, loadScopedJourney, prospectDetail, setJourneyActive, updateJourneyDefinition } from './journey-admin.ts';
import { workspaces } from '../../../identity/schema.ts';
import { eq } from 'drizzle-orm';

const tags = ['journeys'];
const journeyParams = z.object({ journeyId: z.uuid() });
const prospectParams = z.object({ prospectId: z.uuid() });
const clientType = z.enum(['particulier', 'entreprise']);

/** The back-office of journeys (seed 004 "Tableau de bord"): definitions, prospects, analytics, GDPR requests. */
export function journeyAdminRoutes(app: App, runtime: Runtime): void {
  app.get('/api/journeys', { schema: { tags, summary: 'Journeys with their prospects by status' } }, async (request) => {
    requirePermission(request.auth, 'sales.read');
    return { items: await listJourneys(runtime.db, request.auth) };
  });

  app.get('/api/journeys/:journeyId', { schema: { tags, summary: 'A journey and its current definition', params: journeyParams } }, async (request) => {
    requireAuthenticated(request.auth);
    const journey = await loadScopedJourney(runtime.db, request.auth, request.params.journeyId);
    const [workspace] = await runtime.db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, journey.workspaceId));
    return { ...journey, createdAt: journey.createdAt.toISOString(), updatedAt: journey.updatedAt.toISOString(), publicUrl: `/parcours/${workspace!.slug}/${journey.slug}` };
  });

  app.put(
    '/api/journeys/:journeyId/definition',
    { schema: { tags, summary: 'Replace the definition (a new version; prospects on their way keep theirs)', params: journeyParams, body: z.record(z.string(), z.unknown()) } },
    async (request) => {
      requireAuthenticated(request.auth);
      const journey = await updateJourneyDefinition(runtime, request.auth, request.params.journeyId, request.body);
      return { id: journey.id, version: journey.version };
    },
  );

  app.patch(
    '/api/journeys/:journeyId',
    { schema: { tags, summary: 'Open/close a journey or rename it', params: journeyParams, body: z.object({ active: z.boolean().optional(), name: z.string().trim().min(1).max(120).optional() }) } },
    async (request) => {
      requireAuthenticated(request.auth);
      const journey = await setJourneyActive(runtime, request.auth, request.params.journeyId, request.body);
      return { id: journey.id, active: journey.active, name: journey.name };
    },
  );

  app.post(
    '/api/journeys/:journeyId/invitations',
    {
      schema: {
        tags,
        summary: 'An advisor invites a prospect (optionally with the "mandat offert"): returns the personal link',
        params: journeyParams,
        body: z.object({ offered: z.boolean().default(false), source: z.string().trim().max(60).default('conseiller') }),
        response: { 201: z.object({ prospectId: z.uuid(), url: z.string() }) },
      },
    },
    async (request, reply) => {
      requireAuthenticated(request.auth);
      const journey = await loadScopedJourney(runtime.db, request.auth, request.params.journeyId, 'sales.write');
      const [workspace] = await runtime.db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, journey.workspaceId));
      const prospect = await startProspect(
        runtime,
        { workspaceSlug: workspace!.slug, journeySlug: journey.slug, source: request.body.source, requestId: request.auth.requestId },
        { offered: request.body.offered, actor: { auth: request.auth, label: actorLabel(request.auth) } },
      );
      return reply.code(201).send({ prospectId: prospect.id, url: journeyPageUrl(runtime, prospect.token) });
    },
  );

  app.get(
    '/api/journeys/analytics',
    {
      schema: {
        tags,
        summary: 'Seed 004 KPIs and revenue (MRR/ARR) over time, with filters',
        querystring: z.object({
          journeyId: z.uuid().optional(),
          from: z.iso.date(),
          to: z.iso.date(),
          granularity: z.enum(['month', 'week']).default('month'),
          clientType: clientType.optional(),
          source: z.string().max(60).optional(),
        }),
      },
    },
    async (request) => {
      requirePermission(request.auth, 'sales.read');
      const { from, to, ...rest } = request.query;
      return journeyAnalytics(runtime.db, request.auth, { ...rest, from: new Date(`${from}T00:00:00Z`), to: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) }, runtime.clock.now());
    },
  );

  app.get(
    '/api/prospects',
    {
      schema: {
        tags,
        summary: 'Prospects and clients of the journeys, filtered (views Prospects, Conversions, Clients actifs)',
        querystring: z.object({
          journeyId: z.uuid().optional(),
          /** One status or several, comma-separated (the "Prospects" view is every in-journey status). */
          status: z
            .string()
            .transform((value) => value.split(',').filter(Boolean))
            .pipe(z.array(z.enum(PROSPECT_STATUSES)).min(1))
            .optional(),
          clientType: clientType.optional(),
          source: z.string().max(60).optional(),
          q: z.string().trim().max(100).optional(),
          from: z.iso.date().optional(),
          to: z.iso.date().optional(),
          sort: z.enum(['started', 'activity', 'activated']).default('started'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (request) => {
      requirePermission(request.auth, 'sales.read');
      const { from, to, ...rest } = request.query;
      return listProspects(runtime.db, request.auth, { ...rest, from: from ? new Date(`${from}T00:00:00Z`) : undefined, to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : undefined });
    },
  );

  app.get('/api/prospects/:prospectId', { schema: { tags, summary: 'One prospect: answers, timeline, price, order', params: prospectParams } }, async (request) => {
    requireAuthenticated(request.auth);
    return prospectDetail(runtime.db, request.auth, request.params.prospectId);
  });

  app.get('/api/prospects/:prospectId/personal-data', { schema: { tags, summary: 'GDPR access: everything held on the person (JSON)', params: prospectParams } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const data = await exportProspectData(runtime, request.auth, request.params.prospectId);
    return reply.header('content-disposition', `attachment; filename="donnees-personnelles-${request.params.prospectId}.json"`).send(data);
  });

  app.get('/api/prospects/:prospectId/personal-data.zip', { schema: { tags, summary: 'GDPR access with the files: donnees.json, uploaded policies, signed mandate (zip)', params: prospectParams } }, async (request, reply) => {
    requireAuthenticated(request.auth);
    const zip = await exportProspectArchive(runtime, request.auth, request.params.prospectId);
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="donnees-personnelles-${request.params.prospectId}.zip"`)
      .send(Buffer.from(zip));
  });

  app.post(
    '/api/prospects/:prospectId/erase',
    { schema: { tags, summary: 'GDPR erasure: personal fields go, legal records stay', params: prospectParams, body: z.object({ reason: z.string().trim().min(3).max(500) }) } },
    async (request) => {
      requireAuthenticated(request.auth);
      return eraseProspect(runtime, request.auth, request.params.prospectId, request.body.reason);
    },
  );
}
