import type { OutboxEventView } from './handlers.ts';

/** What the dispatcher puts in each job: the event, and the key of the one effect it asks for. */
export interface EventJobData {
  effectKey: string;
  event: OutboxEventView;
}

/** One effect per (event, handler): redelivering the same job can never apply it twice. */
export function effectKey(eventId: string, handlerName: string): string {
  return `${handlerName}:${eventId}`;
}
