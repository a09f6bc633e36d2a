import { type AuthContext, actorLabel } from '../identity/access/auth-context.ts';

/**
 * Who writes: a signed-in user or API key (their AuthContext), or — on the public journey — an anonymous request
 * acting for a prospect, with a label for the audit (`prospect:<id>`).
 */
export type DocumentsActor = AuthContext | { auth: AuthContext; label: string };

export function actorAuth(actor: DocumentsActor): AuthContext {
  return 'auth' in actor ? actor.auth : actor;
}

export function labelOf(actor: DocumentsActor, fallback: string): string {
  if ('auth' in actor) return actor.label;
  return actor.kind === 'anonymous' ? fallback : actorLabel(actor);
}
