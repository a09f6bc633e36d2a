import type { AuthContext } from '../../identity/access/auth-context.ts';

/** What a route declares about who may call it; the identity layer enforces it. */
export interface ComptoirRouteConfig {
  /** Reachable without signing in (health, login, public pages). Everything else needs an actor. */
  public?: boolean;
  /** Still allowed while a session must enrol TOTP before anything else. */
  allowDuringMfaEnrollment?: boolean;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  config: ComptoirRouteConfig;
}

declare module 'fastify' {
  interface FastifyContextConfig extends ComptoirRouteConfig {}
  interface FastifyRequest {
    /** Who is asking; set for every request before any handler runs. */
    auth: AuthContext;
  }
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}
