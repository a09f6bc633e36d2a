import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { PG_CHECK_VIOLATION, PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgErrorOf } from '../db/pg-error.ts';
import { type FieldError, PROBLEM_CONTENT_TYPE, type ProblemBody, ProblemError, type ProblemKind } from './problem.ts';

const contextPrefix: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Turns anything thrown in a route into problem+json; never leaks internals on a 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'unhandled error');
    else request.log.info({ problem: problem.kind, detail: problem.message }, 'request rejected');
    return sendProblem(request, reply, problem);
  });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemError): FastifyReply {
  const body: ProblemBody = problem.toBody(request.url, String(request.id));
  if (problem.extra.retryAfterSeconds) {
    reply.header('retry-after', String(problem.extra.retryAfterSeconds));
  }
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

function toProblem(error: FastifyError): ProblemError {
  if (error instanceof ProblemError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = contextPrefix[error.validationContext ?? 'body'] ?? 'body';
    const errors: FieldError[] = error.validation.map((issue) => ({
      field: [prefix, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'Invalid value',
      code: issue.keyword,
    }));
    const fields = errors.map((e) => e.field).join(', ');
    return new ProblemError('validation', `Invalid value for ${fields}`, { errors });
  }
  if (isResponseSerializationError(error)) return new ProblemError('internal', 'The response could not be produced.');
  // A constraint the database enforced (unique, exclusion, check) is the client's conflict, not a crash.
  const pg = pgErrorOf(error);
  if (pg && [PG_UNIQUE_VIOLATION, PG_EXCLUSION_VIOLATION].includes(pg.code)) {
    return new ProblemError('conflict', 'This change conflicts with existing data.', { constraint: pg.constraint });
  }
  if (pg?.code === PG_CHECK_VIOLATION) {
    return new ProblemError('unprocessable', 'This change breaks a rule the data must follow.', { constraint: pg.constraint });
  }
  const status = error.statusCode ?? 500;
  if (status >= 500) return new ProblemError('internal', 'An unexpected error occurred. It has been logged.');
  return new ProblemError(kindForStatus(status), clientMessage(error), statusExtras(error));
}

function kindForStatus(status: number): ProblemKind {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'notFound';
    case 405:
      return 'methodNotAllowed';
    case 409:
      return 'conflict';
    case 413:
      return 'payloadTooLarge';
    case 415:
      return 'unsupportedMediaType';
    case 422:
      return 'unprocessable';
    case 429:
      return 'rateLimited';
    default:
      return 'badRequest';
  }
}

function clientMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return 'The request body is not valid JSON.';
  }
  return error.message;
}

function statusExtras(error: FastifyError): Record<string, unknown> {
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return { errors: [{ field: 'body', message: 'Malformed JSON' }] };
  }
  const retryAfter = (error as FastifyError & { retryAfterSeconds?: number }).retryAfterSeconds;
  return retryAfter ? { retryAfterSeconds: retryAfter } : {};
}
