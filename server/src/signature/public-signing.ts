import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AuthContext } from '../identity/access/auth-context.ts';
import { appendAudit } from '../identity/audit/append-audit.ts';
import { recordEvent } from '../platform/jobs/outbox.ts';
import { ProblemError } from '../platform/http/problem.ts';
import type { Services } from '../platform/services.ts';
import { signatureCompletedMail, signatureOtpMail } from './mail/signature-mails.ts';
import { sha256OfJson } from './rules/evidence-hash.ts';
import { checkOtp, generateOtp, hashOtp, OTP_RULES } from './rules/otp.ts';
import { canSign, effectiveStatus } from './rules/request-status.ts';
import { validateStrokes } from './rules/strokes.ts';
import { type SignatureEventKind, type SignatureStrokes, signatureEvents, signatureEvidence, signatureRequests } from './schema.ts';
import { renderCompletionCertificate, utcStamp, VERIFICATION_LABELS } from './sealing/completion-certificate.ts';
import { stampSignature } from './sealing/finalize-document.ts';
import { platformSeal } from './sealing/platform-certificate.ts';
import { recordSealCertificate } from './sealing/seal-certificates.ts';
import { sealPdf } from './sealing/seal-pdf.ts';
import { hashToken } from './tokens.ts';

export const SIGNATURE_SIGNED_TOPIC = 'signature.request.signed';

export type SignatureRequestRow = typeof signatureRequests.$inferSelect;

/** Who is at the other end of a public call: what the evidence records. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
  auth: AuthContext;
}

export const CONSENT_TEXT = 'J’ai lu le document et j’accepte de le signer électroniquement. Je reconnais que ma signature électronique m’engage.';

export async function findByToken(db: Services['db'], token: string): Promise<SignatureRequestRow> {
  const [row] = await db.select().from(signatureRequests).where(eq(signatureRequests.tokenHash, hashToken(token)));
  if (!row) throw new ProblemError('notFound', 'Lien de signature inconnu.');
  return row;
}

export function verifyUrlOf(services: Pick<Services, 'config'>, row: Pick<SignatureRequestRow, 'verifyToken'>): string {
  return `${services.config.publicUrl}/verify/${row.verifyToken}`;
}

function refuse(block: Exclude<ReturnType<typeof canSign>, { ok: true }>): never {
  throw new ProblemError('conflict', block.message, { code: `signature_${block.reason}` });
}

/** The signing page's data; the first look moves "envoyée" to "consultée" and is written on the timeline. */
export async function viewSignatureRequest(services: Services, token: string, client: ClientInfo) {
  const row = await findByToken(services.db, token);
  const now = services.clock.now();
  if (row.status === 'sent' && effectiveStatus(row, now) === 'sent') {
    await services.db.transaction(async (tx) => {
      const [moved] = await tx
        .update(signatureRequests)
        .set({ status: 'viewed', viewedAt: now, updatedAt: now })
        .where(and(eq(signatureRequests.id, row.id), eq(signatureRequests.status, 'sent')))
        .returning({ id: signatureRequests.id });
      if (moved) await tx.insert(signatureEvents).values({ workspaceId: row.workspaceId, requestId: row.id, kind: 'viewed', at: now, ip: client.ip, userAgent: client.userAgent.slice(0, 500) });
    });
    row.status = 'viewed';
    row.viewedAt = now;
  }
  return toPublicView(services, row, now);
}

export function toPublicView(services: Pick<Services, 'config'>, row: SignatureRequestRow, now: Date) {
  return {
    title: row.title,
    status: effectiveStatus(row, now),
    signerName: row.signerName,
    signerEmail: maskEmail(row.signerEmail),
    verification: row.verification,
    otpRequired: row.verification === 'email_link_otp',
    otpVerified: row.otpVerifiedAt !== null,
    recap: row.recap,
    links: row.links,
    documentFilename: row.documentFilename,
    documentSha256: row.documentSha256,
    consentText: CONSENT_TEXT,
    expiresAt: row.expiresAt,
    signedAt: row.signedAt,
    returnUrl: row.returnUrl,
    verifyUrl: row.status === 'signed' ? verifyUrlOf(services, row) : null,
    sealedSha256: row.sealedSha256,
  };
}

/** `jean.dupont@example.ch` → `je•••••••@example.ch`: enough to recognise one's own address, not to harvest it. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, local.length - 2))}@${domain}`;
}

/** Sends a fresh 6-digit code by mail (replacing any previous one); at most OTP_RULES.maxSends per request. */
export async function sendSignatureOtp(services: Services, token: string, client: ClientInfo): Promise<{ expiresAt: Date; sentTo: string }> {
  const row = await findByToken(services.db, token);
  const now = services.clock.now();
  const block = canSign(row, now);
  if (!block.ok) refuse(block);
  if (row.verification !== 'email_link_otp') throw new ProblemError('conflict', 'Cette demande ne requiert pas de code.', { code: 'signature_otp_not_required' });
  return services.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(signatureRequests).where(eq(signatureRequests.id, row.id)).for('update');
    if (locked!.otpSent >= OTP_RULES.maxSends) throw new ProblemError('rateLimited', 'Trop de codes envoyés pour cette demande.', { code: 'signature_otp_too_many' });
    const code = generateOtp();
    const expiresAt = new Date(now.getTime() + OTP_RULES.ttlMinutes * 60_000);
    await tx
      .update(signatureRequests)
      .set({ otpHash: hashOtp(row.id, code), otpExpiresAt: expiresAt, otpAttempts: 0, otpSent: locked!.otpSent + 1, updatedAt: now })
      .where(eq(signatureRequests.id, row.id));
    await services.mail.queue(tx, {
      template: signatureOtpMail,
      data: { signerName: row.signerName, title: row.title, code, minutes: OTP_RULES.ttlMinutes },
      to: row.signerEmail,
      language: 'fr',
      workspaceId: row.workspaceId,
      requestId: client.auth.requestId,
    });
    await tx.insert(signatureEvents).values({ workspaceId: row.workspaceId, requestId: row.id, kind: 'otp_sent', at: now, ip: client.ip, userAgent: client.userAgent.slice(0, 500), details: { to: row.signerEmail } });
    return { expiresAt, sentTo: maskEmail(row.signerEmail) };
  });
}

/** Checks the code; a wrong one counts an attempt (committed even though the call fails). */
export async function verifySignatureOtp(services: Services, token: string, code: string, client: ClientInfo): Promise<{ verified: true }> {
  const row = await findByToken(services.db, token);
  const now = services.clock.now();
  const block = canSign(row, now);
  if (!block.ok) refuse(block);
  const outcome = await services.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(signatureRequests).where(eq(signatureRequests.id, row.id)).for('update');
    const check = checkOtp({ requestId: row.id, otpHash: locked!.otpHash, otpExpiresAt: locked!.otpExpiresAt, otpAttempts: locked!.otpAttempts }, code, now);
    const event = (kind: SignatureEventKind, details: Record<string, unknown> = {}) =>
      tx.insert(signatureEvents).values({ workspaceId: row.workspaceId, requestId: row.id, kind, at: now, ip: client.ip, userAgent: client.userAgent.slice(0, 500), details });
    if (check.ok) {
      await tx.update(signatureRequests).set({ otpVerifiedAt: now, otpHash: null, updatedAt: now }).where(eq(signatureRequests.id, row.id));
      await event('otp_verified');
      return check;
    }
    if (check.reason === 'wrong') {
      await tx.update(signatureRequests).set({ otpAttempts: locked!.otpAttempts + 1, updatedAt: now }).where(eq(signatureRequests.id, row.id));
      await event('otp_failed', { attemptsLeft: check.attemptsLeft });
    }
    return check;
  });
  if (!outcome.ok) throw new ProblemError('unprocessable', outcome.message, { code: `signature_otp_${outcome.reason}`, attemptsLeft: outcome.attemptsLeft, errors: [{ field: 'body.code', message: outcome.message }] });
  return { verified: true };
}

export interface SignInput {
  consent: true;
  strokes: SignatureStrokes;
  timeZone: string;
}

const EVENT_LABELS: Record<SignatureEventKind, string> = {
  created: 'Demande créée',
  sent: 'Lien de signature envoyé par e-mail',
  viewed: 'Document consulté',
  otp_sent: 'Code à usage unique envoyé par e-mail',
  otp_verified: 'Code à usage unique vérifié',
  otp_failed: 'Code à usage unique erroné',
  signed: 'Document signé',
  sealed: 'Document scellé',
  mailed: 'Exemplaire signé envoyé par e-mail',
  cancelled: 'Demande annulée',
};

function knownTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    return 'UTC';
  }
}

/**
 * Signs: validates the drawing, stamps it on the document, appends the certificate of completion, seals (PAdES), then
 * in one transaction — under the request's row lock, so a second signature answers 409 — writes the evidence, moves
 * the request to "signée", emits `signature.request.signed` once and mails the sealed copy. The PDF work happens
 * before the transaction (a losing concurrent signer only leaves an unreferenced, content-addressed file).
 */
export async function signSignatureRequest(services: Services, token: string, input: SignInput, client: ClientInfo) {
  const row = await findByToken(services.db, token);
  const signedAt = services.clock.now();
  const block = canSign(row, signedAt);
  if (!block.ok) refuse(block);
  if (row.verification === 'email_link_otp' && !row.otpVerifiedAt) throw new ProblemError('forbidden', 'Saisissez d’abord le code reçu par e-mail.', { code: 'signature_otp_required' });
  const strokesCheck = validateStrokes(input.strokes);
  if (!strokesCheck.ok) throw new ProblemError('validation', strokesCheck.message, { errors: [{ field: 'body.strokes', message: strokesCheck.message }] });
  const timeZone = knownTimeZone(input.timeZone);
  const userAgent = client.userAgent.slice(0, 500) || 'inconnu';
  const strokesSha256 = sha256OfJson(input.strokes);

  const history = await services.db.select().from(signatureEvents).where(eq(signatureEvents.requestId, row.id)).orderBy(asc(signatureEvents.at));
  const seal = await platformSeal(services.config);
  const certificate = await renderCompletionCertificate({
    requestId: row.id,
    title: row.title,
    documentFilename: row.documentFilename,
    documentSha256: row.documentSha256,
    signer: { name: row.signerName, email: row.signerEmail },
    verification: row.verification,
    ip: client.ip,
    userAgent,
    timeZone,
    signedAt,
    strokesSha256,
    events: [...history.map((e) => ({ at: e.at, label: EVENT_LABELS[e.kind], ip: e.ip })), { at: signedAt, label: `${EVENT_LABELS.signed} (consentement coché)`, ip: client.ip }],
    verifyUrl: verifyUrlOf(services, row),
    sealName: seal.commonName,
  });
  const original = await services.files.get(row.documentSha256);
  const stamped = await stampSignature(original, input.strokes, row.signatureBox, certificate);
  const sealed = await sealPdf(stamped, seal, { reason: `Signature électronique de ${row.signerName} — ${row.title}`, signingTime: signedAt });
  const stored = await services.files.put(sealed, { contentType: 'application/pdf' });

  return services.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(signatureRequests).where(eq(signatureRequests.id, row.id)).for('update');
    const again = canSign(locked!, signedAt);
    if (!again.ok) refuse(again);
    const evidence = {
      requestId: row.id,
      signerName: row.signerName,
      signerEmail: row.signerEmail,
      verification: row.verification,
      otpVerifiedAt: locked!.otpVerifiedAt,
      ip: client.ip,
      userAgent,
      signedAt,
      timeZone,
      consentText: CONSENT_TEXT,
      strokesSha256,
      documentSha256: row.documentSha256,
      sealedSha256: stored.sha256,
    };
    await tx.insert(signatureEvidence).values({ workspaceId: row.workspaceId, ...evidence, strokes: input.strokes, evidenceSha256: sha256OfJson(evidence) });
    const sealCertificateSha256 = await recordSealCertificate(tx, seal);
    await tx.update(signatureRequests).set({ status: 'signed', signedAt, sealedSha256: stored.sha256, sealCertificateSha256, otpHash: null, updatedAt: signedAt }).where(eq(signatureRequests.id, row.id));
    const event = (kind: SignatureEventKind, details: Record<string, unknown> = {}) => ({ workspaceId: row.workspaceId, requestId: row.id, kind, at: signedAt, ip: client.ip, userAgent, details });
    await tx.insert(signatureEvents).values([
      event('signed', { timeZone, strokesSha256, pointCount: strokesCheck.pointCount, pointerType: input.strokes.pointerType }),
      event('sealed', { sealedSha256: stored.sha256, certificate: seal.source }),
      event('mailed', { to: row.signerEmail }),
    ]);
    await recordEvent(tx, {
      topic: SIGNATURE_SIGNED_TOPIC,
      payload: { requestId: row.id, subject: { kind: row.subjectKind, id: row.subjectId }, sealedSha256: stored.sha256 },
      workspaceId: row.workspaceId,
      actor: `signer:${row.signerEmail}`,
      requestId: client.auth.requestId,
    });
    await services.mail.queue(tx, {
      template: signatureCompletedMail,
      data: { signerName: row.signerName, title: row.title, signedAt: utcStamp(signedAt), sealedSha256: stored.sha256, verifyUrl: verifyUrlOf(services, row) },
      to: row.signerEmail,
      language: 'fr',
      attachments: [{ fileName: `${row.documentFilename.replace(/\.pdf$/i, '')}-signe.pdf`, contentType: 'application/pdf', sha256: stored.sha256 }],
      workspaceId: row.workspaceId,
      requestId: client.auth.requestId,
    });
    await appendAudit(
      tx,
      client.auth,
      { action: 'sign', tableName: 'signature.request', recordId: row.id, companyId: row.companyId, before: { status: locked!.status }, after: { status: 'signed', sealedSha256: stored.sha256, verification: VERIFICATION_LABELS[row.verification] } },
      { workspaceId: row.workspaceId, actorLabel: `signer:${row.signerEmail}` },
    );
    return { sealedSha256: stored.sha256, signedAt, redirectUrl: row.returnUrl, verifyUrl: verifyUrlOf(services, row) };
  });
}

/** The requests of a subject, e.g. to find the signed mandate of a journey. */
export async function signatureRequestsOfSubject(db: Services['db'], workspaceId: string, subject: { kind: string; id: string }) {
  return db
    .select()
    .from(signatureRequests)
    .where(and(eq(signatureRequests.workspaceId, workspaceId), eq(signatureRequests.subjectKind, subject.kind), inArray(signatureRequests.subjectId, [subject.id])))
    .orderBy(asc(signatureRequests.createdAt));
}
