import { Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { downloadBlob } from '../../components/download.ts';
import { RouterAnchor } from '../../components/RouterAnchor.tsx';
import { SectionTabs } from '../../components/SectionTabs.tsx';
import { describeError } from '../../errors.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { type InvoiceKind, type InvoiceStatus, invoicingApi } from '../../invoicingApi.ts';
import { usePermission } from '../../session.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

const statusColors: Record<InvoiceStatus, string> = { rendering: 'yellow', ready: 'blue', sent: 'green' };
const kindColors: Record<InvoiceKind, string> = { invoice: 'petrole', credit_note: 'grape' };

function CodeBadge({ prefix, code, color, size = 'md' }: { prefix: string; code: string; color: string; size?: 'sm' | 'md' | 'lg' }) {
  const label = useCodeLabel();
  return (
    // The label never shrinks into an ellipsis: a table column is as wide as its widest badge.
    <Badge color={color} variant="light" size={size} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }} data-status={code}>
      {label(prefix, code)}
    </Badge>
  );
}

export const InvoiceStatusBadge = ({ status, size }: { status: InvoiceStatus; size?: 'sm' | 'md' | 'lg' }) => (
  <CodeBadge prefix="invoice.status" code={status} color={statusColors[status] ?? 'gray'} size={size} />
);
export const InvoiceKindBadge = ({ kind, size }: { kind: InvoiceKind; size?: 'sm' | 'md' | 'lg' }) => (
  <CodeBadge prefix="invoice.kind" code={kind} color={kindColors[kind] ?? 'gray'} size={size} />
);

const invoicingTabs = [
  { to: '/app/factures', label: 'invoices.tab.list' },
  { to: '/app/factures/reglages', label: 'invoices.tab.settings' },
] as const;

/** The invoicing module's own navigation: the documents, and the per-company settings. */
export function InvoicingTabs() {
  const canRead = usePermission('invoicing.read');
  return canRead ? <SectionTabs tabs={invoicingTabs} /> : null;
}

/** A link to an invoice's page that behaves as a link (href, new tab) and navigates inside the app on a plain click. */
export function InvoiceLink({ invoiceId, children, size = 'sm' }: { invoiceId: string; children: ReactNode; size?: 'xs' | 'sm' }) {
  return (
    <RouterAnchor to="/app/factures/$invoiceId" params={{ invoiceId }} size={size} ff="monospace" fw={600}>
      {children}
    </RouterAnchor>
  );
}

/**
 * Downloads a document's PDF or XML through the API client (same credentials as every call), then saves it under the
 * server's file name; a refusal (still rendering, no XML for CHF) is shown as a notification.
 */
export function useInvoiceDownload() {
  const t = useT();
  return useMutation({
    mutationFn: async ({ invoiceId, number, format }: { invoiceId: string; number: string; format: 'pdf' | 'xml' }) => {
      const file = await invoicingApi.download(invoiceId, format);
      downloadBlob(file.filename ?? (format === 'pdf' ? `${number}.pdf` : `${number}-factur-x.xml`), file.blob);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('invoice.download.failed'), message: describeError(error, t) }),
  });
}
