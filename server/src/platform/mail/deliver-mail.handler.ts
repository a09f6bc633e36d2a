import { defineHandler } from '../jobs/handlers.ts';
import { MAIL_QUEUED_TOPIC } from './mailer.ts';

export const deliverMailHandler = defineHandler<{ messageId: string }>({
  name: 'platform.deliver-mail',
  topics: [MAIL_QUEUED_TOPIC],
  async handle({ tx, event, services }) {
    await services.mail.deliver(tx, event.payload.messageId);
  },
});
