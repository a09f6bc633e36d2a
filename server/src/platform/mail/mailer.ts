import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/config.ts';
import type { DbOrTx } from '../db/database.ts';
import { recordEvents } from '../jobs/outbox.ts';
import { type MailAttachment, mailMessages } from '../schema.ts';
import type { FileStorage } from '../files/file-storage.ts';
import { type Language, type MailTemplate, renderMail } from './templates.ts';

export const MAIL_QUEUED_TOPIC = 'platform.mail.queued';

export interface QueueMailInput<D> {
  template: MailTemplate<D>;
  data: D;
  to: string;
  language?: Language;
  /** Files already in file storage, attached when the message is delivered. */
  attachments?: MailAttachment[];
  workspaceId?: string | null;
  requestId?: string | null;
}

export type MailMessage = typeof mailMessages.$inferSelect;

export interface PreparedMail {
  row: typeof mailMessages.$inferInsert & { workspaceId: string | null };
  requestId: string | null;
}

/**
 * Mail goes through the outbox like every side effect: `queue` renders and stores
 * the message in the caller's transaction; a job delivers it after commit. Without
 * SMTP settings the message is kept in the local outbox the back-office shows.
 */
export class Mailer {
  readonly #transport: Transporter | undefined;

  constructor(
    readonly config: Config,
    readonly files?: FileStorage,
  ) {
    this.#transport =
      config.mail.kind === 'smtp'
        ? nodemailer.createTransport({
            host: config.mail.host,
            port: config.SMTP_PORT,
            secure: config.SMTP_SECURE,
            ignoreTLS: config.SMTP_IGNORE_TLS,
            ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD! } } : {}),
          })
        : undefined;
  }

  get transportKind(): 'outbox' | 'smtp' {
    return this.#transport ? 'smtp' : 'outbox';
  }

  async queue<D>(tx: DbOrTx, input: QueueMailInput<D>): Promise<string> {
    const [id] = await this.queueMany(tx, [this.prepare(input)]);
    return id!;
  }

  /** A message rendered now, to be queued with others by `queueMany`. */
  prepare<D>(input: QueueMailInput<D>): PreparedMail {
    const language = input.language ?? this.config.DEFAULT_LANGUAGE;
    const rendered = renderMail(input.template, language, input.data);
    return {
      row: {
        workspaceId: input.workspaceId ?? null,
        template: input.template.name,
        language,
        fromAddress: this.config.MAIL_FROM,
        toAddress: input.to,
        subject: rendered.subject,
        textBody: rendered.text,
        htmlBody: rendered.html,
        attachments: input.attachments ?? [],
      },
      requestId: input.requestId ?? null,
    };
  }

  /** Several messages in two round trips (their rows, then their outbox events), e.g. the receipts of a webhook batch. */
  async queueMany(tx: DbOrTx, mails: readonly PreparedMail[]): Promise<string[]> {
    if (mails.length === 0) return [];
    const rows = await tx
      .insert(mailMessages)
      .values(mails.map((mail) => mail.row))
      .returning({ id: mailMessages.id });
    await recordEvents(
      tx,
      rows.map((row, index) => ({ topic: MAIL_QUEUED_TOPIC, payload: { messageId: row.id }, workspaceId: mails[index]!.row.workspaceId, requestId: mails[index]!.requestId })),
    );
    return rows.map((row) => row.id);
  }

  /** Delivers a queued message; a message already delivered is left alone. */
  async deliver(tx: DbOrTx, messageId: string): Promise<MailMessage['status']> {
    const [message] = await tx.select().from(mailMessages).where(eq(mailMessages.id, messageId)).for('update');
    if (!message) throw new Error(`Mail message ${messageId} does not exist`);
    if (message.status !== 'queued') return message.status;
    if (!this.#transport) {
      await tx
        .update(mailMessages)
        .set({ status: 'kept', transport: 'outbox', deliveredAt: new Date() })
        .where(eq(mailMessages.id, messageId));
      return 'kept';
    }
    const info = await this.#transport.sendMail({
      from: message.fromAddress,
      to: message.toAddress,
      subject: message.subject,
      text: message.textBody,
      html: message.htmlBody,
      attachments: await this.#attachmentContents(message.attachments),
      // Lets the receiving side spot a duplicate if a crash ever makes us resend.
      messageId: `<${message.id}@comptoir>`,
    });
    await tx
      .update(mailMessages)
      .set({ status: 'sent', transport: 'smtp', deliveredAt: new Date(), providerMessageId: info.messageId })
      .where(eq(mailMessages.id, messageId));
    return 'sent';
  }

  async #attachmentContents(attachments: MailAttachment[]) {
    if (attachments.length === 0) return [];
    if (!this.files) throw new Error('Attachments need file storage');
    return Promise.all(
      attachments.map(async (a) => ({ filename: a.fileName, contentType: a.contentType, content: await this.files!.get(a.sha256) })),
    );
  }

  close(): void {
    this.#transport?.close();
  }
}
