import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config/config.ts';

/** What helmet is configured with: the same for every response. */
export function helmetOptions(config: Config): Readonly<HelmetOptions> {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Local http:// deployments must not be pinned to HTTPS by a stray HSTS header.
    hsts: config.NODE_ENV === 'production',
  };
}

/**
 * helmet's headers, computed once. @fastify/helmet rebuilt the helmet middleware — parsing the
 * CSP directives again — on every request; measured under load it was the largest share of the
 * plugin stack (docs/benchmarks.md). With no per-request directive (no nonce, no function) the
 * result never varies, so helmet itself is run once against a recording response and its headers
 * are replayed on every reply. Anything dynamic added to the options must not use this.
 */
export function precomputeSecurityHeaders(options: Readonly<HelmetOptions>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return recorder;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}
