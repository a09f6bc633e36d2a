import { useLocation } from '@tanstack/react-router';

/**
 * The `token` query parameter of links sent by email, read verbatim from the URL:
 * the router's JSON-aware search parsing could turn an all-digit token into a number.
 */
export function useTokenParam(): string {
  const searchStr = useLocation({ select: (location) => location.searchStr });
  return new URLSearchParams(searchStr).get('token')?.trim() ?? '';
}
