import { eq } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AuthenticatedContext, can, companyScope } from '../../identity/access/auth-context.ts';
import { requireAuthenticated, requirePermission } from '../../identity/access/guards.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { confirmedFieldsSchema, confirmExtraction, getExtraction } from '../extraction/policy-extraction.ts';
import { COVERAGE_CODES } from '../extraction/rules/coverages.ts';
import { recommendForOwner } from '../recommendation/recommend-for-owner.ts';
import { recommendationRulesTable } from '../recommendation/recommendation-rules.ts';
import { ACCEPTED_TYPES } from '../rules/upload-checks.ts';
import { acceptRawUploads, uploadBodyLimit } from './raw-upload.ts';
import { policyExtractions } from '../schema.ts';
import { type CompanyFilter, findDocument, listDocuments } from '../uploads/list-documents.ts';
import { INSURANCE_POLICY, storeUpload } from '../uploads/store-upload.ts';

const tags = ['documents'];
/** `documentId` is the catalog's documents; these are uploaded files. */
const params = z.object({ uploadedDocumentId: z.uuid() });
const ownerQuery = { ownerKind: z.string().trim().min(1).max(100).optional(), ownerId: z.string().trim().min(1).max(100).optional() };

const extractedField = (value: z.ZodType) => z.object({ value, confidence: z.number().int().min(0).max(100), source: z.string() }).nullable();
const premium = z.object({ amount: z.number().int(), currency: z.enum(['CHF', 'EUR']), period: z.enum(['year', 'month']) });
const extractionSchema = z.object({
  documentId: z.uuid(),
  status: z.enum(['pending', 'done', 'failed']),
  method: z.enum(['text_layer', 'ocr']).nullable(),
  fields: z
    .object({
      insurer: extractedField(z.string()),
      policyNumber: extractedField(z.string()),
      premium: extractedField(premium),
      startDate: extractedField(z.string()),
      endDate: extractedField(z.string()),
      coverageType: extractedField(z.string()),
      coverages: z.array(z.string()),
    })
    .nullable(),
  overallConfidence: z.number().int().nullable(),
  error: z.string().nullable(),
  completedAt: z.date().nullable(),
  confirmed: confirmedFieldsSchema.nullable(),
  confirmedBy: z.object({ kind: z.enum(['prospect', 'user']), id: z.string(), at: z.date() }).nullable(),
  corrections: z.array(z.object({ by: z.object({ kind: z.enum(['prospect', 'user']), id: z.string() }), at: z.date(), changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })) })),
});
const documentSchema = z.object({
  id: z.uuid(),
  companyId: z.uuid().nullable(),
  owner: z.object({ kind: z.string(), id: z.string() }),
  purpose: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string(),
  createdAt: z.date(),
  extraction: z.object({ status: z.enum(['pending', 'done', 'failed']), method: z.enum(['text_layer', 'ocr']).nullable(), overallConfidence: z.number().int().nullable(), confirmed: z.boolean() }).nullable(),
});
const recommendationBody = z.object({
  owner: z.object({ kind: z.string().min(1).max(100), id: z.string().min(1).max(100) }),
  clientType: z.enum(['particulier', 'entreprise']),
  employees: z.number().int().min(0).max(100_000).nullish(),
  needs: z.object({
    coverages: z.array(z.enum(COVERAGE_CODES)).max(COVERAGE_CODES.length).default([]),
    budget: z.object({ amount: z.number().int().min(0), period: z.enum(['year', 'month']) }).nullish(),
    priorities: z.array(z.enum(['prix', 'couverture', 'service'])).max(3).default([]),
  }),
});

function readFilter(auth: AuthenticatedContext): CompanyFilter {
  return companyScope(auth, 'documents.read');
}

/** Whoever may review a document's company (a document without a company needs a workspace-wide grant). */
function requireReview(auth: AuthenticatedContext, companyId: string | null): void {
  const allowed = companyId ? can(auth, 'documents.review', companyId) : companyScope(auth, 'documents.review').all;
  if (!allowed) throw new ProblemError('forbidden', 'Missing permission documents.review for this document.', { permission: 'documents.review' });
}

export function documentsRoutes(app: App, runtime: Runtime): void {
  // Public: the prospect's upload page needs it as much as the back-office, and it says nothing about anyone.
  app.get(
    '/api/documents/upload-policy',
    {
      schema: {
        tags,
        summary: 'What an upload may be: the largest size (UPLOAD_MAX_MB) and the types read from the bytes',
        response: { 200: z.object({ maxBytes: z.number().int(), acceptedTypes: z.array(z.enum(ACCEPTED_TYPES)) }) },
      },
      config: { public: true },
    },
    async () => ({ maxBytes: runtime.config.uploadMaxBytes, acceptedTypes: [...ACCEPTED_TYPES] }),
  );

  app.get(
    '/api/documents',
    {
      schema: {
        tags,
        summary: 'Uploaded documents (insurance policies…) of an owner, or of the workspace, newest first, with their extraction status',
        querystring: z.object({ ...ownerQuery, purpose: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(documentSchema) }) },
      },
    },
    async (request) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const { ownerKind, ownerId, purpose, limit } = request.query;
      if (Boolean(ownerKind) !== Boolean(ownerId)) {
        throw new ProblemError('validation', 'Indiquez le type et l’identifiant du propriétaire ensemble.', { errors: [{ field: ownerKind ? 'query.ownerId' : 'query.ownerKind', message: 'requis avec l’autre' }] });
      }
      const owner = ownerKind && ownerId ? { kind: ownerKind, id: ownerId } : undefined;
      return { items: await listDocuments(runtime.db, { workspaceId: auth.workspace.id, owner, purpose, companies: readFilter(auth), limit }) };
    },
  );

  // The upload reads the raw file (application/pdf, image/png, image/jpeg…) in its own encapsulated scope.
  app.register(async (scope) => {
    acceptRawUploads(scope, runtime.config.uploadMaxBytes);
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/documents',
      {
        bodyLimit: uploadBodyLimit(runtime.config.uploadMaxBytes),
        schema: {
          tags,
          summary: 'Upload a file for an owner (raw body: PDF, PNG or JPEG, at most UPLOAD_MAX_MB — see /api/documents/upload-policy); an insurance policy is then read by a job',
          querystring: z.object({
            ownerKind: z.string().trim().min(1).max(100),
            ownerId: z.string().trim().min(1).max(100),
            filename: z.string().trim().min(1).max(255),
            purpose: z.string().trim().min(1).max(64).default(INSURANCE_POLICY),
            companyId: z.uuid().optional(),
          }),
          response: { 201: z.object({ documentId: z.uuid(), sha256: z.string(), duplicate: z.boolean() }), 200: z.object({ documentId: z.uuid(), sha256: z.string(), duplicate: z.boolean() }) },
        },
      },
      async (request, reply) => {
        const { auth } = request;
        requireAuthenticated(auth);
        const q = request.query;
        requireReview(auth, q.companyId ?? null);
        if (!Buffer.isBuffer(request.body)) {
          throw new ProblemError('unsupportedMediaType', 'Envoyez le fichier tel quel dans le corps de la requête (application/pdf, image/png ou image/jpeg).', { errors: [{ field: 'file', message: 'corps binaire attendu' }] });
        }
        const bytes = request.body;
        const stored = await runtime.db.transaction((tx) =>
          storeUpload(tx, runtime, { workspaceId: auth.workspace.id, owner: { kind: q.ownerKind, id: q.ownerId }, purpose: q.purpose, filename: q.filename, contentType: request.headers['content-type'], bytes, companyId: q.companyId ?? null }, auth),
        );
        return reply.status(stored.duplicate ? 200 : 201).send(stored);
      },
    );
  });

  app.get(
    '/api/documents/recommendation-rules',
    { schema: { tags, summary: 'The rules of the recommendation summary, in French: coverage rules by client type, savings rates, priority factors' } },
    async (request) => {
      requirePermission(request.auth, 'documents.read');
      return recommendationRulesTable();
    },
  );

  app.post(
    '/api/documents/recommendation',
    { schema: { tags, summary: 'Coverage gaps, overlaps and estimated yearly savings (CHF) from an owner’s policies and needs', body: recommendationBody } },
    async (request) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const { owner, ...rest } = request.body;
      return recommendForOwner(runtime.db, { workspaceId: auth.workspace.id, owner, companies: readFilter(auth), ...rest });
    },
  );

  app.get(
    '/api/documents/:uploadedDocumentId',
    { schema: { tags, summary: 'An uploaded document with its extraction (fields, confidences, reviews)', params, response: { 200: documentSchema.omit({ extraction: true }).extend({ extraction: extractionSchema.nullable(), text: z.string().nullable() }) } } },
    async (request) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const document = await loadDocument(runtime, auth, request.params.uploadedDocumentId);
      const extraction = await getExtraction(runtime.db, { workspaceId: auth.workspace.id, documentId: document.id });
      const [text] = await runtime.db.select({ text: policyExtractions.text }).from(policyExtractions).where(eq(policyExtractions.documentId, document.id));
      return { ...summary(document), extraction, text: text?.text ?? null };
    },
  );

  app.get(
    '/api/documents/:uploadedDocumentId/content',
    { schema: { tags, summary: 'Download the stored file (checked against its SHA-256)', params } },
    async (request, reply) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const document = await loadDocument(runtime, auth, request.params.uploadedDocumentId);
      const bytes = await runtime.files.get(document.sha256);
      const ascii = document.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', document.contentType)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(document.filename)}`)
        .header('x-content-sha256', document.sha256)
        .send(bytes);
    },
  );

  app.get(
    '/api/documents/:uploadedDocumentId/extraction',
    { schema: { tags, summary: 'What was read from an insurance policy: fields with confidence 0–100 and source, confirmation and corrections', params, response: { 200: extractionSchema } } },
    async (request) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const document = await loadDocument(runtime, auth, request.params.uploadedDocumentId);
      const extraction = await getExtraction(runtime.db, { workspaceId: auth.workspace.id, documentId: document.id });
      if (!extraction) throw new ProblemError('notFound', 'Ce document n’est pas une police d’assurance : rien n’a été extrait.');
      return extraction;
    },
  );

  app.put(
    '/api/documents/:uploadedDocumentId/extraction',
    { schema: { tags, summary: 'Confirm (and correct) the extracted fields; the extraction and every review are kept', params, body: z.object({ fields: z.unknown() }), response: { 200: extractionSchema } } },
    async (request) => {
      const { auth } = request;
      requirePermission(auth, 'documents.read');
      const document = await loadDocument(runtime, auth, request.params.uploadedDocumentId);
      requireReview(auth, document.companyId);
      const confirmedBy = { kind: 'user' as const, id: auth.kind === 'user' ? auth.user.id : `api-key:${auth.apiKey.id}` };
      return runtime.db.transaction((tx) => confirmExtraction(tx, { workspaceId: auth.workspace.id, documentId: document.id, fields: request.body.fields, confirmedBy }, auth));
    },
  );
}

async function loadDocument(runtime: Runtime, auth: AuthenticatedContext, documentId: string) {
  const document = await findDocument(runtime.db, { workspaceId: auth.workspace.id, documentId, companies: readFilter(auth) });
  if (!document) throw new ProblemError('notFound', 'Document introuvable.');
  return document;
}

function summary(document: NonNullable<Awaited<ReturnType<typeof findDocument>>>) {
  return {
    id: document.id,
    companyId: document.companyId,
    owner: { kind: document.ownerKind, id: document.ownerId },
    purpose: document.purpose,
    filename: document.filename,
    contentType: document.contentType,
    sizeBytes: document.sizeBytes,
    sha256: document.sha256,
    uploadedBy: document.uploadedBy,
    createdAt: document.createdAt,
  };
}
