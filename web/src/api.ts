import { getLang } from './i18n/lang.ts';

// The one place the web app talks HTTP. It speaks JSON, sends the session cookie,
// echoes the CSRF token on state-changing requests and turns RFC 9457
// problem+json responses into an ApiError the UI can render.

export interface FieldError {
  field: string;
  message: string;
}

/** RFC 9457 problem details as the Comptoir server sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/**
 * - `network`: no response at all (server down, offline, CORS).
 * - `http`: the server answered with a non-2xx status.
 * - `unexpected-body`: 2xx but not JSON — typically an SPA fallback page answering
 *   for an API route that does not exist yet.
 */
export type ApiErrorKind = 'network' | 'http' | 'unexpected-body';

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status, 0 when there was no response. */
  readonly status: number;
  readonly type: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly errors: FieldError[];

  constructor(kind: ApiErrorKind, status: number, problem: Problem = {}) {
    super(problem.detail ?? problem.title ?? `HTTP ${status || 'network error'}`);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

const CSRF_COOKIE = 'comptoir_csrf';
const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function isJson(contentType: string): boolean {
  return /^application\/([\w.-]+\+)?json\b/i.test(contentType.trim());
}

function asProblem(payload: unknown): Problem {
  if (!payload || typeof payload !== 'object') return {};
  const p = payload as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
  const errors = Array.isArray(p.errors)
    ? p.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
        .filter((e) => e.message)
    : undefined;
  return {
    type: text(p.type),
    title: text(p.title),
    status: typeof p.status === 'number' ? p.status : undefined,
    detail: text(p.detail),
    errors,
  };
}

export interface RequestOptions {
  method?: string;
  /** Serialised as JSON. Omit for no body (then no Content-Type is sent either). */
  body?: unknown;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    // Lets the server localise problem details to the language shown in the UI.
    'Accept-Language': getLang(),
  };
  // No Content-Type without a body: Fastify rejects an empty body declared as JSON.
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'include',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    // Let TanStack Query see its own cancellations untouched.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', 0);
  }

  const text = await response.text();
  const json = text && isJson(response.headers.get('content-type') ?? '');
  let payload: unknown;
  if (json) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) throw new ApiError('http', response.status, asProblem(payload));
  if (text && payload === undefined) throw new ApiError('unexpected-body', response.status);
  return payload as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};

/** A file the server sends (PDF, XML…), with the name its Content-Disposition gives, if any. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | undefined;
}

/** `attachment; filename="F-2026-000001.pdf"` (or RFC 6266's `filename*=UTF-8''…`) → the file name. */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}

/**
 * GETs a file with the same credentials and language as every API call; a refusal (problem+json) becomes an
 * ApiError, so a download that fails is explained like any other request instead of opening an error page.
 */
export async function apiDownload(path: string, signal?: AbortSignal): Promise<DownloadedFile> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: '*/*', 'Accept-Language': getLang() }, credentials: 'include', signal });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('network', 0);
  }
  if (!response.ok) {
    const text = await response.text();
    let payload: unknown;
    if (text && isJson(response.headers.get('content-type') ?? '')) {
      try {
        payload = JSON.parse(text);
      } catch {
        payload = undefined;
      }
    }
    throw new ApiError('http', response.status, asProblem(payload));
  }
  return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')) };
}

/**
 * Groups field errors by the last segment of their field path, so "email",
 * "/email" (JSON pointer) and "body.email" all land on the `email` input.
 */
export function fieldErrorsByName(errors: FieldError[]): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const { field, message } of errors) {
    const name = field.split(/[./]/).filter(Boolean).pop() ?? '';
    byName[name] = byName[name] ? `${byName[name]} ${message}` : message;
  }
  return byName;
}

/**
 * Field errors keyed by their path inside the request body, every message kept:
 * "body.addresses.0.city" and "/addresses/0/city" both become "addresses.0.city".
 * Used by forms with nested or repeated inputs, and where one field can fail
 * several rules at once (password policy).
 */
export function fieldErrorsByPath(errors: FieldError[]): Record<string, string[]> {
  const byPath: Record<string, string[]> = {};
  for (const { field, message } of errors) {
    const segments = field.split(/[./]/).filter(Boolean);
    if (segments[0] === 'body') segments.shift();
    const path = segments.join('.');
    const list = byPath[path] ?? [];
    if (!list.includes(message)) list.push(message);
    byPath[path] = list;
  }
  return byPath;
}
