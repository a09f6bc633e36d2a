import type { FastifyInstance, HTTPMethods } from 'fastify';
import { sendProblem } from './error-handler.ts';
import { ProblemError } from './problem.ts';

const METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const API_PREFIXES = ['/api/', '/healthz', '/readyz'];

/**
 * Unknown paths answer problem+json (405 when the path exists under another method),
 * except browser navigations outside the API, which get the single-page app.
 */
export function installNotFoundHandler(app: FastifyInstance, webDist: string | undefined): void {
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const isApi = API_PREFIXES.some((prefix) => path.startsWith(prefix));
    if (webDist && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDist);
    }
    const allowed = METHODS.filter((method) => method !== request.method && app.findRoute({ method, url: path }));
    if (allowed.length > 0) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(
        request,
        reply,
        new ProblemError('methodNotAllowed', `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}.`),
      );
    }
    return sendProblem(request, reply, new ProblemError('notFound', `No route ${request.method} ${path}.`));
  });
}
