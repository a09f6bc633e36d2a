import type { FastifyRequest } from 'fastify';
import { ProblemError } from '../../platform/http/problem.ts';
import type { App, Runtime } from '../../platform/module.ts';
import { timingSafeEqualText } from './constant-time.ts';
import { resolveAuth } from './resolve-auth.ts';
import { SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request gets its AuthContext before any handler runs. API routes are closed
 * by default: only those that declare `config.public` answer anonymous callers.
 * Cookie sessions must echo their CSRF token on writes; bearer tokens and API keys
 * cannot be sent by a browser on its own, so they need none.
 */
export function installAuthHooks(app: App, runtime: Runtime): void {
  app.decorateRequest('auth', null as never);
  // preParsing: after the rate limiter (an onRequest hook) has counted the call, before any body is parsed.
  app.addHook('preParsing', async (request, _reply, payload) => {
    const credentials = readCredentials(request);
    request.auth = await resolveAuth(runtime, credentials, String(request.id));
    if (isPublic(request)) return payload;
    const { auth } = request;
    if (auth.kind === 'anonymous') {
      throw new ProblemError('unauthorized', 'Sign in first: session cookie, bearer token or API key.');
    }
    if (auth.kind === 'user' && !auth.session.viaBearer && !SAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !timingSafeEqualText(header, auth.session.csrfToken)) {
        throw new ProblemError('csrf', 'Send the x-csrf-token header with the value of the comptoir_csrf cookie.');
      }
    }
    if (auth.kind === 'user' && auth.session.mfaEnrollmentRequired && !request.routeOptions.config.allowDuringMfaEnrollment) {
      throw new ProblemError('mfaEnrollmentRequired', 'Your role requires two-factor authentication: enrol an authenticator app first.');
    }
    return payload;
  });
}

function readCredentials(request: FastifyRequest): { token?: string; viaBearer: boolean } {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return { token: authorization.slice(7).trim(), viaBearer: true };
  const cookie = request.cookies?.[SESSION_COOKIE];
  return { token: cookie, viaBearer: false };
}

/** Non-API paths (web app, docs, health) and routes that say so are open to anonymous callers. */
function isPublic(request: FastifyRequest): boolean {
  if (request.routeOptions.config.public) return true;
  const url = request.routeOptions.url;
  // No route matched: the not-found handler answers 404/405 and reveals nothing.
  if (url === undefined) return true;
  if (!url.startsWith('/api/')) return true;
  return url === '/api/docs' || url.startsWith('/api/docs/');
}
