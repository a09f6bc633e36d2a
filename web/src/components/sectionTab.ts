/**
 * Which of a module's tabs a path belongs to: the most specific tab whose path is the path itself or one of its
 * parents (`/app/paiements/webhooks/…` → the webhooks tab, `/app/paiements` → payments). The first tab otherwise.
 */
export function activeSectionTab<P extends string>(pathname: string, paths: readonly P[]): P | undefined {
  const path = pathname.replace(/\/$/, '');
  let best: P | undefined;
  for (const candidate of paths) {
    if ((path === candidate || path.startsWith(`${candidate}/`)) && (!best || candidate.length > best.length)) best = candidate;
  }
  return best ?? paths[0];
}
