/**
 * RFC 9457 problem details. Every error Comptoir answers over HTTP has this shape,
 * with a stable `type` that clients can switch on and the fields at fault.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
const TYPE_BASE = 'https://comptoir.dev/problems/';

export interface FieldError {
  /** Where the bad value is: `body.email`, `query.limit`, `params.id`. */
  field: string;
  message: string;
  code?: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The problems Comptoir answers with; modules add theirs here so types stay unique. */
export const problemTypes = {
  validation: { status: 400, title: 'Requête invalide' },
  badRequest: { status: 400, title: 'Requête incorrecte' },
  unauthorized: { status: 401, title: 'Authentification requise' },
  invalidCredentials: { status: 401, title: 'Identifiants invalides' },
  mfaRequired: { status: 401, title: 'Code de double authentification requis' },
  mfaEnrollmentRequired: { status: 403, title: 'Activez la double authentification' },
  csrf: { status: 403, title: 'Jeton CSRF manquant ou invalide' },
  accountLocked: { status: 423, title: 'Compte temporairement verrouillé' },
  forbidden: { status: 403, title: 'Accès refusé' },
  notFound: { status: 404, title: 'Ressource introuvable' },
  methodNotAllowed: { status: 405, title: 'Méthode non autorisée' },
  conflict: { status: 409, title: 'Conflit' },
  payloadTooLarge: { status: 413, title: 'Contenu trop volumineux' },
  unsupportedMediaType: { status: 415, title: 'Type de contenu non pris en charge' },
  unprocessable: { status: 422, title: 'Règle métier non respectée' },
  paymentDeclined: { status: 402, title: 'Paiement refusé' },
  rateLimited: { status: 429, title: 'Trop de requêtes' },
  internal: { status: 500, title: 'Erreur interne' },
  providerError: { status: 502, title: 'Le prestataire de paiement a refusé ou n’a pas répondu' },
  unavailable: { status: 503, title: 'Service indisponible' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemKind = keyof typeof problemTypes;

export function problemType(kind: ProblemKind | string): string {
  return `${TYPE_BASE}${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Throw this from a service or route to answer with a problem. */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly kind: ProblemKind,
    detail?: string,
    readonly extra: { errors?: FieldError[]; [extension: string]: unknown } = {},
  ) {
    super(detail ?? problemTypes[kind].title);
    this.name = 'ProblemError';
    this.status = problemTypes[kind].status;
    this.title = problemTypes[kind].title;
  }

  toBody(instance?: string, requestId?: string): ProblemBody {
    return {
      type: problemType(this.kind),
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...this.extra,
    };
  }
}

export function notFound(detail: string): ProblemError {
  return new ProblemError('notFound', detail);
}

export function conflict(detail: string, extra?: Record<string, unknown>): ProblemError {
  return new ProblemError('conflict', detail, extra);
}

export function invalidField(field: string, message: string): ProblemError {
  return new ProblemError('validation', message, { errors: [{ field, message }] });
}
