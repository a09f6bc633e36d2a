import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.ts';
import { queryRows } from '../../platform/db/query-rows.ts';
import type { Services } from '../../platform/services.ts';
import type { PaymentProvider } from '../provider/payment-provider.ts';
import type { ProviderEvent } from '../provider/provider-event.ts';
import { inboxLockKey } from '../rules/inbox-lock-key.ts';
import { wakeWebhookInbox } from './webhook-inbox.queue.ts';

/**
 * The inbox's front door: the signature is checked on the raw body by the provider (a bad one throws before anything
 * is stored), then the event is stored once per (provider, event id), committed before the provider gets its 2xx.
 * The stored row is the work item: the inbox workers claim it (`apply-inbox-batch.ts`); a duplicate delivery stores
 * nothing.
 */
export async function ingestWebhook(services: Services, provider: PaymentProvider, rawBody: Buffer, signature: string | undefined): Promise<{ eventId: string; duplicate: boolean }> {
  const event = provider.parseWebhook(rawBody, signature);
  const stored = await writerFor(services).store(provider.name, event);
  return { eventId: event.id, duplicate: !stored };
}

interface Pending {
  provider: string;
  event: ProviderEvent;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the inbox: deliveries that arrive while an insert is in flight are written together by the next
 * one — one statement, one commit, one round trip for many events — and each request is answered once the statement
 * that holds its row has committed. A lone delivery is written at once (batch of one). Under a burst of 50 concurrent
 * deliveries this turns thousands of round trips into a few hundred.
 */
class InboxWriter {
  #queue: Pending[] = [];
  #flushing = false;

  constructor(readonly services: Services) {}

  store(provider: string, event: ProviderEvent): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ provider, event, resolve, reject });
      if (!this.#flushing) void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    this.#flushing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      try {
        const stored = await insertEvents(this.services.db, batch);
        for (const [index, pending] of batch.entries()) pending.resolve(stored[index]!);
        if (stored.some(Boolean)) wakeWebhookInbox(this.services);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.#flushing = false;
  }
}

const MAX_BATCH = 500;
const writers = new WeakMap<Db, InboxWriter>();

function writerFor(services: Services): InboxWriter {
  let writer = writers.get(services.db);
  if (!writer) {
    writer = new InboxWriter(services);
    writers.set(services.db, writer);
  }
  return writer;
}

/** One INSERT for the batch; answers, per delivery, whether it stored the event (false: a duplicate). */
async function insertEvents(db: Db, batch: readonly Pending[]): Promise<boolean[]> {
  // The same event twice in one batch (a provider retrying while the first delivery waits): the first one stores it.
  const first = new Map<string, number>();
  batch.forEach((pending, index) => {
    const key = `${pending.provider}\u0000${pending.event.id}`;
    if (!first.has(key)) first.set(key, index);
  });
  const rows = [...first.values()].map((index) => {
    const { provider, event } = batch[index]!;
    return sql`(${uuidv7()}::uuid, ${provider}, ${event.id}, ${event.type}, ${JSON.stringify(event)}::jsonb, ${event.created}::bigint, ${inboxLockKey(event)})`;
  });
  const inserted = await queryRows<{ provider: string; event_id: string }>(
    db,
    sql`insert into payments.webhook_event (id, provider, event_id, type, payload, provider_created, lock_key)
        values ${sql.join(rows, sql`, `)}
        on conflict (provider, event_id) do nothing
        returning provider, event_id`,
  );
  const stored = new Set(inserted.map((row) => `${row.provider}\u0000${row.event_id}`));
  return batch.map((pending, index) => {
    const key = `${pending.provider}\u0000${pending.event.id}`;
    return first.get(key) === index && stored.has(key);
  });
}
