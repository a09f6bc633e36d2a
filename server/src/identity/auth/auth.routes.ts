import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { App, Runtime } from '../../platform/module.ts';
import { type AuthContext, companyScope } from '../access/auth-context.ts';
import { requireAuthenticated } from '../access/guards.ts';
import { permissions } from '../permissions.ts';
import { ProblemError } from '../../platform/http/problem.ts';
import { loadWorkspaceAccess, mfaRequiredFor } from './load-user-access.ts';
import { login } from './login.ts';
import { confirmMfaEnrollment, disableMfa, regenerateRecoveryCodes, startMfaEnrollment } from './mfa.ts';
import {
  acceptInvitation,
  changePassword,
  requestPasswordReset,
  resetPassword,
  sendEmailVerification,
  verifyEmail,
} from './password-flows.ts';
import { createSession, CSRF_COOKIE, revokeSession, SESSION_COOKIE } from './sessions.ts';
import { loadUser } from './password-flows.ts';

const tags = ['auth'];
const email = z.email().max(320);
const password = z.string().min(1).max(256);
const token = z.string().min(10).max(200);

const sessionResponse = z.object({
  token: z.string().describe('Send as `Authorization: Bearer <token>` from scripts'),
  csrfToken: z.string(),
  expiresAt: z.string(),
  workspace: z.object({ slug: z.string(), name: z.string() }),
  mfaEnrollmentRequired: z.boolean(),
});

export function authRoutes(app: App, runtime: Runtime): void {
  const setSessionCookies = (reply: FastifyReply, value: { token: string; csrfToken: string; expiresAt: Date }) => {
    const secure = runtime.config.COOKIE_SECURE;
    reply.setCookie(SESSION_COOKIE, value.token, { httpOnly: true, secure, sameSite: 'lax', path: '/', expires: value.expiresAt });
    reply.setCookie(CSRF_COOKIE, value.csrfToken, { httpOnly: false, secure, sameSite: 'strict', path: '/', expires: value.expiresAt });
  };

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: z.object({
          email,
          password,
          totp: z.string().max(40).optional().describe('TOTP code, or a recovery code'),
          workspace: z.string().max(40).optional().describe('Workspace slug, when the user belongs to several'),
        }),
        response: { 200: sessionResponse },
      },
      config: { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await login(runtime, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookies(reply, result.session);
      return {
        token: result.session.token,
        csrfToken: result.session.csrfToken,
        expiresAt: result.session.expiresAt.toISOString(),
        workspace: { slug: result.access.workspace.slug, name: result.access.workspace.name },
        mfaEnrollmentRequired: result.mfaEnrollmentRequired,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'End this session', response: { 204: z.null() } }, config: { allowDuringMfaEnrollment: true } },
    async (request, reply) => {
      const { auth } = request;
      if (auth.kind === 'user') await revokeSession(runtime.db, auth.session.id, runtime.clock.now());
      reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(CSRF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, the current workspace, its grants and permissions, and the other workspaces',
        response: {
          200: z.object({
            user: z.object({
              id: z.uuid(),
              email: z.string(),
              displayName: z.string(),
              language: z.enum(['fr', 'en']),
              emailVerified: z.boolean(),
              mfaEnabled: z.boolean(),
              recoveryCodesLeft: z.number().int(),
            }),
            workspace: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
            grants: z.array(z.object({ role: z.string(), companyIds: z.array(z.uuid()) })),
            permissions: z.array(z.object({ permission: z.string(), companyIds: z.union([z.literal('all'), z.array(z.uuid())]) })),
            workspaces: z.array(z.object({ slug: z.string(), name: z.string() })),
            mfaEnrollmentRequired: z.boolean(),
          }),
        },
      },
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => {
      const { auth } = request;
      if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Only people have a profile; API keys do not.');
      const user = await loadUser(runtime.db, auth.user.id);
      const accesses = await loadWorkspaceAccess(runtime.db, auth.user.id);
      return {
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          language: auth.user.language,
          emailVerified: user.emailVerifiedAt !== null,
          mfaEnabled: user.totpEnabledAt !== null,
          recoveryCodesLeft: user.recoveryCodes.length,
        },
        workspace: { id: auth.workspace.id, slug: auth.workspace.slug, name: auth.workspace.name },
        grants: auth.grants,
        permissions: permissions
          .map((permission) => ({ permission, scope: companyScope(auth, permission) }))
          .filter(({ scope }) => scope.all || scope.companyIds.length > 0)
          .map(({ permission, scope }) => ({ permission, companyIds: scope.all ? ('all' as const) : scope.companyIds })),
        workspaces: accesses.map((a) => ({ slug: a.workspace.slug, name: a.workspace.name })),
        mfaEnrollmentRequired: auth.session.mfaEnrollmentRequired,
      };
    },
  );

  app.post(
    '/api/auth/switch-workspace',
    {
      schema: { tags, summary: 'Open a new session on another workspace of the same user', body: z.object({ workspace: z.string().max(40) }), response: { 200: sessionResponse } },
    },
    async (request, reply) => {
      const { auth } = request;
      if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Only people switch workspaces.');
      const access = (await loadWorkspaceAccess(runtime.db, auth.user.id)).find((a) => a.workspace.slug === request.body.workspace);
      if (!access) throw new ProblemError('notFound', 'Workspace not found.', { errors: [{ field: 'body.workspace', message: 'Aucun accès' }] });
      // The target workspace's own MFA rule applies, exactly as at sign-in.
      const user = await loadUser(runtime.db, auth.user.id);
      const mfaEnrollmentRequired = !user.totpEnabledAt && !user.isDemo && mfaRequiredFor(access);
      const now = runtime.clock.now();
      const session = await runtime.db.transaction(async (tx) => {
        await revokeSession(tx, auth.session.id, now);
        return createSession(tx, runtime.config, {
          userId: auth.user.id,
          workspaceId: access.workspace.id,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          mfaEnrollmentRequired,
          now,
        });
      });
      setSessionCookies(reply, session);
      return {
        token: session.token,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        workspace: { slug: access.workspace.slug, name: access.workspace.name },
        mfaEnrollmentRequired,
      };
    },
  );

  const userOnly = (auth: AuthContext) => {
    requireAuthenticated(auth);
    if (auth.kind !== 'user') throw new ProblemError('forbidden', 'Only people manage their own security.');
    return auth;
  };

  app.post(
    '/api/auth/mfa/enrollment',
    {
      schema: {
        tags,
        summary: 'Start TOTP enrolment: a secret and its QR code',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeDataUrl: z.string() }) },
      },
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => startMfaEnrollment(runtime, userOnly(request.auth)),
  );

  app.post(
    '/api/auth/mfa/enrollment/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm enrolment with a first code; returns the recovery codes (shown once)',
        body: z.object({ code: z.string().min(6).max(10) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
      config: { allowDuringMfaEnrollment: true },
    },
    async (request) => confirmMfaEnrollment(runtime, userOnly(request.auth), request.body.code),
  );

  app.post(
    '/api/auth/mfa/disable',
    { schema: { tags, summary: 'Turn TOTP off (password and a code required)', body: z.object({ password, code: z.string().min(6).max(40) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await disableMfa(runtime, userOnly(request.auth), request.body.password, request.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/mfa/recovery-codes',
    {
      schema: {
        tags,
        summary: 'Replace the recovery codes (password and a code required)',
        body: z.object({ password, code: z.string().min(6).max(40) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) },
      },
    },
    async (request) => regenerateRecoveryCodes(runtime, userOnly(request.auth), request.body.password, request.body.code),
  );

  app.post(
    '/api/auth/password/forgot',
    {
      schema: { tags, summary: 'Email a single-use reset link (same answer whether the address exists or not)', body: z.object({ email }), response: { 202: z.object({ accepted: z.literal(true) }) } },
      config: { public: true, rateLimit: { max: 5, timeWindow: '15 minutes' } },
    },
    async (request, reply) => {
      await requestPasswordReset(runtime, request.body.email, String(request.id));
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/api/auth/password/reset',
    { schema: { tags, summary: 'Set a new password from an emailed token', body: z.object({ token, password }), response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      await resetPassword(runtime, request.body.token, request.body.password, request.auth);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/password/change',
    { schema: { tags, summary: 'Change my password (other sessions end)', body: z.object({ currentPassword: password, newPassword: password }), response: { 204: z.null() } } },
    async (request, reply) => {
      await changePassword(runtime, userOnly(request.auth), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/invitation/accept',
    { schema: { tags, summary: 'Activate an invited account by choosing a password', body: z.object({ token, password }), response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      await acceptInvitation(runtime, request.body.token, request.body.password, request.auth);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/email/verification',
    {
      schema: { tags, summary: 'Email me a link that confirms my address', response: { 202: z.object({ accepted: z.literal(true) }) } },
      config: { rateLimit: { max: 5, timeWindow: '15 minutes' } },
    },
    async (request, reply) => {
      await sendEmailVerification(runtime, userOnly(request.auth));
      return reply.status(202).send({ accepted: true as const });
    },
  );

  app.post(
    '/api/auth/email/verify',
    { schema: { tags, summary: 'Confirm an email address from an emailed token', body: z.object({ token }), response: { 204: z.null() } }, config: { public: true } },
    async (request, reply) => {
      await verifyEmail(runtime, request.body.token, request.auth);
      return reply.status(204).send(null);
    },
  );
}
