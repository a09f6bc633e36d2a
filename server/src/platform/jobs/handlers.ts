import type { Tx } from '../db/database.ts';
import type { Services } from '../services.ts';

export interface OutboxEventView<P = Record<string, unknown>> {
  id: string;
  topic: string;
  payload: P;
  workspaceId: string | null;
  actor: string | null;
  requestId: string | null;
  occurredAt: string;
}

export interface HandlerContext<P> {
  /** The transaction the effect is written in; the effect key is claimed in it too. */
  tx: Tx;
  event: OutboxEventView<P>;
  services: Services;
  /** 0 on the first delivery, then 1, 2… on retries. */
  attempt: number;
  /** What `perform` returned, when the handler has one. */
  performed?: unknown;
}

/**
 * A reaction to a domain event. Each handler is its own pg-boss queue, so one slow
 * or failing reaction never holds back another.
 */
export interface EventHandler<P = Record<string, unknown>> {
  /** Unique; becomes the queue name. Convention: `<module>.<verb-noun>`. */
  name: string;
  topics: string[];
  /** Retries before the job goes to the dead-letter queue (default from config). */
  retryLimit?: number;
  /**
   * Work with the outside world (a payment provider, an HTTP endpoint), run before the handler's transaction and
   * outside it, so no database connection waits on the network (and PGlite, which has one, cannot deadlock). It may
   * run again on a retry: make it idempotent (idempotency keys). Skipped once the effect is applied.
   */
  perform?(context: Omit<HandlerContext<P>, 'tx' | 'performed'>): Promise<unknown>;
  handle(context: HandlerContext<P>): Promise<void>;
}

export function defineHandler<P = Record<string, unknown>>(handler: EventHandler<P>): EventHandler {
  return handler as unknown as EventHandler;
}

export const DEAD_LETTER_SUFFIX = '.dead';

export function deadLetterQueue(queue: string): string {
  return `${queue}${DEAD_LETTER_SUFFIX}`;
}

export class HandlerRegistry {
  readonly #byName = new Map<string, EventHandler>();

  constructor(handlers: Iterable<EventHandler> = []) {
    for (const handler of handlers) this.register(handler);
  }

  register(handler: EventHandler): void {
    if (!/^[\w.-]+$/.test(handler.name) || handler.name.endsWith(DEAD_LETTER_SUFFIX)) {
      throw new Error(`Invalid handler name "${handler.name}"`);
    }
    if (this.#byName.has(handler.name)) throw new Error(`Handler "${handler.name}" is registered twice`);
    this.#byName.set(handler.name, handler);
  }

  all(): EventHandler[] {
    return [...this.#byName.values()];
  }

  get(name: string): EventHandler | undefined {
    return this.#byName.get(name);
  }

  forTopic(topic: string): EventHandler[] {
    return this.all().filter((handler) => handler.topics.includes(topic));
  }
}
