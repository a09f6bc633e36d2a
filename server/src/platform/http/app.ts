import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import type { App, Runtime } from '../module.ts';
import { installErrorHandler } from './error-handler.ts';
import { installNotFoundHandler } from './not-found.ts';
import { registerOpenApi } from './openapi.ts';
import { ProblemError } from './problem.ts';
import { helmetOptions, precomputeSecurityHeaders } from './security-headers.ts';
import type { RegisteredRoute } from './route-config.ts';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
export const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../web/dist');

export interface BuildAppOptions {
  /** Defaults to the runtime's logger so HTTP and job logs share one stream. */
  logger?: FastifyBaseLogger;
  /** Serve the built web app (default: when its build exists). */
  serveWeb?: boolean;
}

/** The HTTP face of a Comptoir process: conventions first, then each module's routes. */
export async function buildApp(runtime: Runtime, options: BuildAppOptions = {}): Promise<App> {
  const { config } = runtime;
  const app = Fastify({
    loggerInstance: options.logger ?? runtime.log,
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
    trustProxy: config.NODE_ENV === 'production',
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The request id and helmet's security headers (precomputed: security-headers.ts), on every reply.
  const securityHeaders = precomputeSecurityHeaders(helmetOptions(config));
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    reply.headers(securityHeaders);
    done();
  });
  installErrorHandler(app);

  await app.register(cors, { origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false, credentials: true });
  await app.register(cookie, config.SESSION_SECRET ? { secret: config.SESSION_SECRET } : {});
  if (config.RATE_LIMIT_MAX > 0) {
    await app.register(rateLimit, {
      max: config.RATE_LIMIT_MAX,
      timeWindow: config.RATE_LIMIT_WINDOW,
      errorResponseBuilder: (_request, context) =>
        new ProblemError('rateLimited', `Too many requests: at most ${context.max} per ${context.after}.`, {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        }),
    });
  }
  await registerOpenApi(app);

  // Every route, as registered: the cross-tenant test walks this list so new routes are covered.
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, config: route.config ?? {} });
  });
  app.decorate('registeredRoutes', routes);

  for (const module of runtime.modules) await module.httpHooks?.(app, runtime);
  for (const module of runtime.modules) await module.routes?.(app, runtime);

  const webDist = config.WEB_DIST_DIR ? path.resolve(config.WEB_DIST_DIR) : defaultWebDist;
  const serveWeb = (options.serveWeb ?? true) && fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  installNotFoundHandler(app, serveWeb ? webDist : undefined);
  return app;
}
