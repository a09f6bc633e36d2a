import { ApiError } from './api.ts';
import type { Translate } from './i18n/I18nProvider.tsx';

/**
 * What to tell a person about a failed request. The server's own words (problem
 * `detail`, then `title`) win because they are specific; the server is asked to
 * localise them through Accept-Language. Otherwise fall back to a message per status.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  if (error.detail) return error.detail;
  if (error.title && !isBareReasonPhrase(error.title)) return error.title;
  if (error.kind === 'network') return t('errors.network');
  if (error.kind === 'unexpected-body') return t('errors.notAvailable');
  switch (error.status) {
    case 401:
      return t('errors.unauthorized');
    case 403:
      return t('errors.forbidden');
    case 404:
    case 405:
    case 501:
      return t('errors.notAvailable');
    case 429:
      return t('errors.tooMany');
    // A proxy or load balancer answering for an API server that is down or restarting.
    case 502:
    case 503:
    case 504:
      return t('errors.network');
    default:
      return error.status >= 500 ? t('errors.server') : t('errors.unknown');
  }
}

// A title that only repeats the HTTP reason phrase ("Not Found") says less than our own
// localised message for that status, so it is skipped in favour of the fallback below.
const reasonPhrases = new Set([
  'bad request',
  'unauthorized',
  'forbidden',
  'not found',
  'method not allowed',
  'conflict',
  'unprocessable entity',
  'unprocessable content',
  'too many requests',
  'internal server error',
  'not implemented',
  'bad gateway',
  'service unavailable',
  'gateway timeout',
]);

function isBareReasonPhrase(title: string): boolean {
  return reasonPhrases.has(title.trim().toLowerCase());
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * True when the server answered with the problem `type` https://comptoir.dev/problems/<kind>
 * (e.g. `mfa-required`). The type is the stable contract; titles and details are for people.
 */
export function isProblem(error: unknown, kind: string): boolean {
  return error instanceof ApiError && typeof error.type === 'string' && error.type.replace(/\/+$/, '').endsWith(`/problems/${kind}`);
}
