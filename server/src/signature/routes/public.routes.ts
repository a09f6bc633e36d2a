import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { findByToken, sendSignatureOtp, signSignatureRequest, viewSignatureRequest, type ClientInfo } from '../public-signing.ts';
import { STROKE_LIMITS } from '../rules/strokes.ts';
import { TOKEN_PATTERN } from '../tokens.ts';
import { verifyByToken, verifyUploadedPdf } from '../verify-document.ts';
import { verifySignatureOtp } from '../public-signing.ts';

const tags = ['signature (public)'];
const tokenParams = z.object({ token: z.string().regex(TOKEN_PATTERN) });
const statusEnum = z.enum(['sent', 'viewed', 'signed', 'expired', 'cancelled']);
/** Stricter than the global limit: each call sends a mail or checks a code. */
const strict = { max: 10, timeWindow: '1 minute' };
const MAX_VERIFY_BYTES = 20 * 1024 * 1024;

const point = z.object({ x: z.number().finite(), y: z.number().finite(), t: z.number().finite().min(0), p: z.number().min(0).max(1).optional() });
export const strokesSchema = z.object({
  width: z.number().positive().max(STROKE_LIMITS.maxCanvas),
  height: z.number().positive().max(STROKE_LIMITS.maxCanvas),
  pointerType: z.string().max(20).default('mouse'),
  strokes: z.array(z.array(point).max(STROKE_LIMITS.maxPointsPerStroke)).max(STROKE_LIMITS.maxStrokes),
});

const publicView = z.object({
  title: z.string(),
  status: statusEnum,
  signerName: z.string(),
  signerEmail: z.string(),
  verification: z.enum(['email_link', 'email_link_otp']),
  otpRequired: z.boolean(),
  otpVerified: z.boolean(),
  recap: z.array(z.object({ label: z.string(), value: z.string() })),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  documentFilename: z.string(),
  documentSha256: z.string(),
  consentText: z.string(),
  expiresAt: z.date(),
  signedAt: z.date().nullable(),
  returnUrl: z.string().nullable(),
  verifyUrl: z.string().nullable(),
  sealedSha256: z.string().nullable(),
});

const verificationReport = z.object({
  valid: z.boolean(),
  issuedByComptoir: z.boolean(),
  signature: z.object({ present: z.boolean(), valid: z.boolean(), coversWholeFile: z.boolean(), platformCertificate: z.boolean(), signerCommonName: z.string().nullable() }),
  sha256: z.string(),
  request: z.object({ title: z.string(), signerName: z.string(), signedAt: z.date(), documentSha256: z.string(), sealedSha256: z.string(), verifyToken: z.string() }).nullable(),
  message: z.string(),
});

function client(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), auth: request.auth };
}

/** The signer's pages (token in the URL, no account) and the public verification of sealed documents. */
export function signaturePublicRoutes(app: App, runtime: Runtime): void {
  app.get(
    '/api/public/signatures/:token',
    { schema: { tags, summary: 'What the signer is asked to sign: recap, document hash, status (the first call marks it viewed)', params: tokenParams, response: { 200: publicView } }, config: { public: true } },
    async (request) => viewSignatureRequest(runtime, request.params.token, client(request)),
  );

  for (const kind of ['document', 'signed'] as const) {
    app.get(
      `/api/public/signatures/:token/${kind}`,
      { schema: { tags, summary: kind === 'document' ? 'The PDF to sign, as shown (its SHA-256 is in the x-content-sha256 header)' : 'The signed and sealed PDF', params: tokenParams }, config: { public: true } },
      async (request, reply) => {
        const row = await findByToken(runtime.db, request.params.token);
        const sha256 = kind === 'document' ? row.documentSha256 : row.sealedSha256;
        if (!sha256) throw new ProblemError('notFound', 'Ce document n’est pas encore signé.');
        const filename = kind === 'document' ? row.documentFilename : row.documentFilename.replace(/\.pdf$/i, '-signe.pdf');
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="${filename}"`)
          .header('x-content-sha256', sha256)
          .header('cache-control', 'private, no-store')
          .send(await runtime.files.get(sha256));
      },
    );
  }

  app.post(
    '/api/public/signatures/:token/otp',
    {
      schema: { tags, summary: 'Send a 6-digit one-time code to the signer’s e-mail (expires in 10 minutes, 5 attempts)', params: tokenParams, response: { 202: z.object({ sentTo: z.string(), expiresAt: z.date() }) } },
      config: { public: true, rateLimit: strict },
    },
    async (request, reply) => reply.status(202).send(await sendSignatureOtp(runtime, request.params.token, client(request))),
  );

  app.post(
    '/api/public/signatures/:token/otp/verify',
    {
      schema: { tags, summary: 'Check the one-time code', params: tokenParams, body: z.object({ code: z.string().trim().regex(/^\d{6}$/, 'six digits') }), response: { 200: z.object({ verified: z.literal(true) }) } },
      config: { public: true, rateLimit: strict },
    },
    async (request) => verifySignatureOtp(runtime, request.params.token, request.body.code, client(request)),
  );

  app.post(
    '/api/public/signatures/:token/sign',
    {
      schema: {
        tags,
        summary: 'Sign: consent, the drawn strokes and the signer’s time zone; answers once sealed (409 when already signed, cancelled or expired)',
        params: tokenParams,
        body: z.object({ consent: z.literal(true, { message: 'consent must be ticked' }), strokes: strokesSchema, timeZone: z.string().trim().min(1).max(64) }),
        response: { 200: z.object({ sealedSha256: z.string(), signedAt: z.date(), redirectUrl: z.string().nullable(), verifyUrl: z.string() }) },
      },
      config: { public: true, rateLimit: strict },
      bodyLimit: 2 * 1024 * 1024,
    },
    async (request) => signSignatureRequest(runtime, request.params.token, request.body as Parameters<typeof signSignatureRequest>[2], client(request)),
  );

  app.get(
    '/api/public/verify/:token',
    {
      schema: {
        tags,
        summary: 'The document behind a verification QR code: who signed, when, and whether the stored sealed file verifies',
        params: z.object({ token: z.string().regex(TOKEN_PATTERN) }),
        response: {
          200: z.object({ status: statusEnum.exclude(['expired']), valid: z.boolean(), title: z.string(), signerName: z.string(), signedAt: z.date().nullable(), documentSha256: z.string(), sealedSha256: z.string().nullable(), message: z.string() }),
        },
      },
      config: { public: true },
    },
    async (request) => verifyByToken(runtime, request.params.token),
  );

  // Upload-to-verify: the raw PDF as the body (application/pdf or application/octet-stream), read untouched.
  app.register(async (scope) => {
    for (const type of ['application/pdf', 'application/octet-stream']) {
      scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_VERIFY_BYTES }, (_request, body, done) => done(null, body));
    }
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/public/verify',
      {
        schema: { tags, summary: 'Is this PDF one Comptoir sealed, and unaltered? Send the file as the raw body (content-type application/pdf)', response: { 200: verificationReport } },
        config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
        bodyLimit: MAX_VERIFY_BYTES,
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body) || request.body.length === 0) throw new ProblemError('unsupportedMediaType', 'Envoyez le PDF comme corps de la requête (content-type application/pdf).');
        return verifyUploadedPdf(runtime, request.body);
      },
    );
  });
}
