import { Badge } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';

// Known delivery states get a label and a colour; anything else the server invents
// later is still shown, verbatim, in grey.
const known: Record<string, { label: MessageKey; color: string }> = {
  queued: { label: 'mail.status.queued', color: 'gray' },
  pending: { label: 'mail.status.pending', color: 'gray' },
  sending: { label: 'mail.status.sending', color: 'blue' },
  sent: { label: 'mail.status.sent', color: 'teal' },
  delivered: { label: 'mail.status.delivered', color: 'teal' },
  failed: { label: 'mail.status.failed', color: 'red' },
};

export function MailStatusBadge({ status }: { status: string }) {
  const t = useT();
  const entry = known[status.toLowerCase()];
  return (
    <Badge variant="light" color={entry?.color ?? 'gray'} radius="sm" tt="none">
      {entry ? t(entry.label) : status}
    </Badge>
  );
}

export function formatRecipients(to: string | string[]): string {
  return Array.isArray(to) ? to.join(', ') : to;
}
