import { z } from 'zod';
import { type AuthContext, actorLabel } from '../identity/access/auth-context.ts';
import { appendAudit } from '../identity/audit/append-audit.ts';
import { renderTemplate } from '../documents/templates/registry.ts';
import type { Tx } from '../platform/db/database.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { Services } from '../platform/services.ts';
import { signatureRequestedMail } from './mail/signature-mails.ts';
import { expiryFrom } from './rules/request-status.ts';
import { type RecapLine, type SignatureBox, signatureEvents, signatureRequests, type VerificationMethod } from './schema.ts';
import { hashToken, newSigningToken, newVerifyToken } from './tokens.ts';
import { PDF } from '@libpdf/core';
import { frenchDate } from '../documents/templates/winwin-mandate.ts';

export interface CreateSignatureRequestInput {
  workspaceId: string;
  companyId?: string | null;
  /** What the signature is about, in the caller's terms (e.g. `{ kind: 'journey', id }`); echoed in the signed event. */
  subject: { kind: string; id: string };
  title: string;
  document: { template: string; data: unknown } | { pdf: Uint8Array; filename: string; signatureBox?: SignatureBox; recap?: RecapLine[] };
  signer: { name: string; email: string; phone?: string | null };
  verification: VerificationMethod;
  returnUrl?: string | null;
  locale?: 'fr';
  /** Mail the signing link to the signer (default true). Turn off when the caller redirects the signer itself. */
  notify?: boolean;
  expiresInDays?: number;
}

export interface CreatedSignatureRequest {
  id: string;
  token: string;
  signUrl: string;
  verifyToken: string;
  documentSha256: string;
  expiresAt: Date;
}

const inputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  signer: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(254), phone: z.string().trim().max(40).nullish() }),
  subject: z.object({ kind: z.string().trim().min(1).max(60), id: z.string().trim().min(1).max(200) }),
  returnUrl: z.url().max(2000).nullish(),
});

/**
 * Creates a signature request in the caller's transaction: renders (template) or takes (uploaded PDF) the document,
 * stores it with its SHA-256, records the timeline and the audit entry, and — unless told not to — mails the signer
 * their personal link. Returns the opaque token once; only its hash is kept.
 */
export async function createSignatureRequest(tx: Tx, services: Pick<Services, 'config' | 'files' | 'mail' | 'clock'>, input: CreateSignatureRequestInput, actor: AuthContext): Promise<CreatedSignatureRequest> {
  const checked = inputSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new ProblemError('validation', issue.message, { errors: [{ field: `body.${issue.path.join('.')}`, message: issue.message }] });
  }
  const now = services.clock.now();
  let pdf: Uint8Array;
  let filename: string;
  let signatureBox: SignatureBox;
  let recap: RecapLine[] = [];
  let links: { label: string; url: string }[] = [];
  let template: string | null = null;
  if ('template' in input.document) {
    template = input.document.template;
    try {
      const rendered = await renderTemplate(input.document.template, input.document.data, { now });
      ({ pdf, filename, signatureBox, recap, links } = rendered);
    } catch (error) {
      if (error instanceof z.ZodError) {
        const issue = error.issues[0]!;
        throw new ProblemError('validation', `document.data.${issue.path.join('.')}: ${issue.message}`, { errors: [{ field: `body.document.data.${issue.path.join('.')}`, message: issue.message }] });
      }
      if ((error as Error).name === 'UnknownTemplateError') throw new ProblemError('validation', (error as Error).message, { errors: [{ field: 'body.document.template', message: (error as Error).message }] });
      throw error;
    }
  } else {
    pdf = input.document.pdf;
    filename = safeFilename(input.document.filename);
    signatureBox = input.document.signatureBox ?? (await defaultSignatureBox(pdf));
    recap = input.document.recap ?? [];
  }
  const stored = await services.files.put(pdf, { contentType: 'application/pdf' });
  const token = newSigningToken();
  const verifyToken = newVerifyToken();
  const expiresAt = expiryFrom(now, input.expiresInDays ?? services.config.SIGNATURE_EXPIRY_DAYS);
  const [row] = await tx
    .insert(signatureRequests)
    .values({
      workspaceId: input.workspaceId,
      companyId: input.companyId ?? null,
      subjectKind: input.subject.kind,
      subjectId: input.subject.id,
      title: input.title.trim(),
      tokenHash: hashToken(token),
      verifyToken,
      signerName: input.signer.name.trim(),
      signerEmail: input.signer.email.trim().toLowerCase(),
      signerPhone: input.signer.phone ?? null,
      verification: input.verification,
      returnUrl: input.returnUrl ?? null,
      locale: input.locale ?? 'fr',
      template,
      recap,
      links,
      documentFilename: filename,
      documentSha256: stored.sha256,
      signatureBox,
      expiresAt,
      createdBy: actorLabel(actor),
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const request = row!;
  const signUrl = `${services.config.publicUrl}/signer/${token}`;
  await tx.insert(signatureEvents).values({ workspaceId: request.workspaceId, requestId: request.id, kind: 'created', at: now, details: { by: request.createdBy, documentSha256: stored.sha256 } });
  if (input.notify ?? true) {
    await services.mail.queue(tx, {
      template: signatureRequestedMail,
      data: { signerName: request.signerName, title: request.title, url: signUrl, expiresOn: frenchDate(expiresAt.toISOString().slice(0, 10)) },
      to: request.signerEmail,
      language: 'fr',
      workspaceId: request.workspaceId,
      requestId: actor.requestId,
    });
    await tx.insert(signatureEvents).values({ workspaceId: request.workspaceId, requestId: request.id, kind: 'sent', at: now, details: { to: request.signerEmail } });
  }
  await appendAudit(
    tx,
    actor,
    {
      action: 'create',
      tableName: 'signature.request',
      recordId: request.id,
      companyId: request.companyId,
      after: { title: request.title, subject: input.subject, signerEmail: request.signerEmail, verification: request.verification, documentSha256: stored.sha256, expiresAt: expiresAt.toISOString() },
    },
    { workspaceId: request.workspaceId },
  );
  return { id: request.id, token, signUrl, verifyToken, documentSha256: stored.sha256, expiresAt };
}

/** An uploaded PDF without a declared box: bottom right of its last page. */
async function defaultSignatureBox(pdf: Uint8Array): Promise<SignatureBox> {
  let doc: PDF;
  try {
    doc = await PDF.load(pdf);
  } catch {
    throw new ProblemError('validation', 'Le fichier n’est pas un PDF lisible.', { errors: [{ field: 'body.document.pdf', message: 'not a readable PDF' }] });
  }
  const last = doc.getPageCount() - 1;
  const page = doc.getPage(last)!;
  return { page: last, x: Math.max(20, page.width - 260), y: 60, width: 200, height: 70 };
}

/** `charte qualité.pdf` → `charte-qualite.pdf`: ASCII, no spaces, safe in a Content-Disposition header. */
export function safeFilename(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, 120);
  if (!base) return 'document.pdf';
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}
