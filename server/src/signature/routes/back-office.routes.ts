import { z } from 'zod';
import { requireAuthenticated, requirePermission } from '../../identity/access/guards.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { cancelSignatureRequest, getSignatureRequest, listSignatureRequests, loadScopedRequest } from '../back-office.ts';
import { createSignatureRequest } from '../create-signature-request.ts';

const tags = ['signature'];
const params = z.object({ signatureRequestId: z.uuid() });
const statusEnum = z.enum(['sent', 'viewed', 'signed', 'expired', 'cancelled']);
const summary = z.object({
  id: z.uuid(),
  companyId: z.uuid().nullable(),
  subject: z.object({ kind: z.string(), id: z.string() }),
  title: z.string(),
  status: statusEnum,
  signerName: z.string(),
  signerEmail: z.string(),
  verification: z.enum(['email_link', 'email_link_otp']),
  documentFilename: z.string(),
  documentSha256: z.string(),
  sealedSha256: z.string().nullable(),
  verifyToken: z.string(),
  expiresAt: z.date(),
  viewedAt: z.date().nullable(),
  signedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  createdAt: z.date(),
  createdBy: z.string(),
});
const detail = summary.extend({
  recap: z.array(z.object({ label: z.string(), value: z.string() })),
  events: z.array(z.object({ kind: z.string(), at: z.date(), ip: z.string().nullable(), userAgent: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  evidence: z
    .object({
      signerName: z.string(),
      signerEmail: z.string(),
      verification: z.string(),
      otpVerifiedAt: z.date().nullable(),
      ip: z.string(),
      userAgent: z.string(),
      signedAt: z.date(),
      timeZone: z.string(),
      consentText: z.string(),
      strokeCount: z.number().int(),
      pointCount: z.number().int(),
      pointerType: z.string(),
      strokesSha256: z.string(),
      documentSha256: z.string(),
      sealedSha256: z.string(),
      evidenceSha256: z.string(),
    })
    .nullable(),
});

/** The back-office's "Signatures" screen: list, detail with evidence and timeline, files, cancel, create. */
export function signatureBackOfficeRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/signature/requests',
    {
      schema: {
        tags,
        summary: 'Signature requests, newest first',
        querystring: z.object({ status: statusEnum.optional(), q: z.string().trim().max(100).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ items: z.array(summary), total: z.number().int() }) },
      },
    },
    async (request) => {
      requireAuthenticated(request.auth);
      return listSignatureRequests(runtime.db, request.auth, request.query, runtime.clock.now());
    },
  );

  app.post(
    '/api/signature/requests',
    {
      schema: {
        tags,
        summary: 'Create a signature request from a document template (e.g. winwin-mandate) and mail the signer their link',
        body: z.object({
          companyId: z.uuid().nullish(),
          subject: z.object({ kind: z.string().min(1).max(60), id: z.string().min(1).max(200) }).default({ kind: 'manual', id: 'back-office' }),
          title: z.string().trim().min(1).max(200),
          template: z.string().min(1).max(60),
          data: z.unknown(),
          signer: z.object({ name: z.string().trim().min(1).max(200), email: z.email(), phone: z.string().max(40).nullish() }),
          verification: z.enum(['email_link', 'email_link_otp']).default('email_link'),
          returnUrl: z.url().nullish(),
        }),
        response: { 201: z.object({ id: z.uuid(), signUrl: z.string(), verifyToken: z.string(), documentSha256: z.string(), expiresAt: z.date() }) },
      },
    },
    async (request, reply) => {
      const { auth, body } = request;
      requirePermission(auth, 'signature.manage', body.companyId ?? null);
      if (!body.companyId) requirePermission(auth, 'signature.manage');
      const created = await runtime.db.transaction((tx) =>
        createSignatureRequest(
          tx,
          runtime,
          { workspaceId: auth.workspace.id, companyId: body.companyId ?? null, subject: body.subject, title: body.title, document: { template: body.template, data: body.data }, signer: body.signer, verification: body.verification, returnUrl: body.returnUrl ?? null },
          auth,
        ),
      );
      return reply.status(201).send({ id: created.id, signUrl: created.signUrl, verifyToken: created.verifyToken, documentSha256: created.documentSha256, expiresAt: created.expiresAt });
    },
  );

  app.get(
    '/api/signature/requests/:signatureRequestId',
    { schema: { tags, summary: 'A signature request with its evidence and timeline', params, response: { 200: detail } } },
    async (request) => {
      requireAuthenticated(request.auth);
      return getSignatureRequest(runtime.db, request.auth, request.params.signatureRequestId, runtime.clock.now());
    },
  );

  for (const kind of ['original', 'sealed'] as const) {
    app.get(
      `/api/signature/requests/:signatureRequestId/${kind}`,
      { schema: { tags, summary: kind === 'original' ? 'The PDF as shown to the signer' : 'The signed and sealed PDF', params } },
      async (request, reply) => {
        requireAuthenticated(request.auth);
        const row = await loadScopedRequest(runtime.db, request.auth, request.params.signatureRequestId);
        const sha256 = kind === 'original' ? row.documentSha256 : row.sealedSha256;
        if (!sha256) throw new ProblemError('notFound', 'Ce document n’est pas encore signé.');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${kind === 'original' ? row.documentFilename : row.documentFilename.replace(/\.pdf$/i, '-signe.pdf')}"`)
          .header('x-content-sha256', sha256)
          .send(await runtime.files.get(sha256));
      },
    );
  }

  app.post(
    '/api/signature/requests/:signatureRequestId/cancel',
    { schema: { tags, summary: 'Cancel a request not signed yet (409 once signed)', params, body: z.object({ reason: z.string().trim().max(500).optional() }).default({}), response: { 200: summary } } },
    async (request) => {
      const { auth } = request;
      requireAuthenticated(auth);
      return runtime.db.transaction((tx) => cancelSignatureRequest(tx, auth, request.params.signatureRequestId, runtime.clock.now(), request.body.reason));
    },
  );
}

