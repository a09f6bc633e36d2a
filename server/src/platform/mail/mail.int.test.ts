import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startTestRuntime, type TestRuntime } from '../../../test/support/test-runtime.ts';
import { workspaces } from '../../identity/schema.ts';
import { seedDemoIdentity, signIn } from '../../../test/support/identity-fixtures.ts';
import { mailMessages } from '../schema.ts';
import { testMessageTemplate } from './templates.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function startSmtpServer(): Promise<{ port: number; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

let test: TestRuntime | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

describe('mail', () => {
  it('delivers a queued message over real SMTP once its transaction commits', async () => {
    const smtp = await startSmtpServer();
    try {
      test = await startTestRuntime({
        work: true,
        config: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_IGNORE_TLS: 'true', MAIL_FROM: 'Comptoir <noreply@comptoir.test>' },
      });
      const { runtime } = test;
      const id = await runtime.db.transaction((tx) =>
        runtime.mail.queue(tx, {
          template: testMessageTemplate,
          data: { recipientName: 'Élodie', sentAt: '2026-11-23' },
          to: 'elodie@example.fr',
        }),
      );
      const message = await eventually(async () => smtp.received[0], 'the SMTP server to receive the message');
      expect(message.to).toEqual(['elodie@example.fr']);
      expect(message.from).toBe('noreply@comptoir.test');
      expect(message.raw).toMatch(/Subject: Message de test Comptoir/);
      expect(message.raw).toContain(`Message-ID: <${id}@comptoir>`);
      const row = await eventually(async () => {
        const [r] = await runtime.db.select().from(mailMessages).where(eq(mailMessages.id, id));
        return r?.status === 'sent' ? r : undefined;
      }, 'the message to be marked sent');
      expect(row.transport).toBe('smtp');
      expect(row.textBody).toContain('Bonjour Élodie,');
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('keeps messages in the local outbox without SMTP, in the requested language', async () => {
    test = await startTestRuntime({ work: true });
    const { runtime } = test;
    await seedDemoIdentity(runtime);
    const [winwin] = await runtime.db.select().from(workspaces).where(eq(workspaces.slug, 'winwin'));
    const id = await runtime.db.transaction((tx) =>
      runtime.mail.queue(tx, {
        template: testMessageTemplate,
        data: { sentAt: '2026-11-23' },
        to: 'a@example.ch',
        language: 'en',
        workspaceId: winwin!.id,
      }),
    );
    const row = await eventually(async () => {
      const [r] = await runtime.db.select().from(mailMessages).where(eq(mailMessages.id, id));
      return r?.status === 'kept' ? r : undefined;
    }, 'the message to be kept');
    expect(row.subject).toBe('Comptoir test message');
    expect(row.htmlBody).toContain('<html lang="en">');

    const app = await test.app();
    const admin = await signIn(app, 'admin@winwin.demo');
    const list = await app.inject({ method: 'GET', url: '/api/platform/mail', headers: admin.headers });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id, to: 'a@example.ch', status: 'kept' }] });
    const detail = await app.inject({ method: 'GET', url: `/api/platform/mail/${id}`, headers: admin.headers });
    expect(detail.json().text).toContain('This message confirms');
    const missing = await app.inject({ method: 'GET', url: '/api/platform/mail/01a20ac8-0000-7000-8000-000000000000', headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    // Another workspace's administrator sees neither the list entry nor the message.
    const other = await signIn(app, 'admin@winvest.demo');
    expect((await app.inject({ method: 'GET', url: '/api/platform/mail', headers: other.headers })).json().total).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/platform/mail/${id}`, headers: other.headers })).statusCode).toBe(404);
  });

  it('sends nothing for a transaction that rolled back', async () => {
    test = await startTestRuntime({ work: true });
    const { runtime } = test;
    await expect(
      runtime.db.transaction(async (tx) => {
        await runtime.mail.queue(tx, { template: testMessageTemplate, data: { sentAt: 'x' }, to: 'b@example.fr' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await runtime.db.select().from(mailMessages)).toEqual([]);
  });

  it('escapes data in the HTML body', async () => {
    test = await startTestRuntime();
    const { runtime } = test;
    const id = await runtime.mail.queue(runtime.db, {
      template: testMessageTemplate,
      data: { recipientName: '<script>alert(1)</script>', sentAt: 'x' },
      to: 'c@example.fr',
    });
    const [row] = await runtime.db.select().from(mailMessages).where(eq(mailMessages.id, id));
    expect(row!.htmlBody).not.toContain('<script>');
    expect(row!.htmlBody).toContain('&lt;script&gt;');
  });
});
