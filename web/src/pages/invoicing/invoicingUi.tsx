import { Anchor, Badge, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { downloadBlob } from '../../components/download.ts';
import { describeError } from '../../errors.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { type InvoiceKind, type InvoiceStatus, invoicingApi } from '../../invoicingApi.ts';
import { usePermission } from '../../session.ts';
import { useCode } from '../payments/paymentsUi.tsx';

const statusColors: Record<InvoiceStatus, string> = { rendering: 'yellow', ready: 'blue', sent: 'green' };
const kindColors: Record<InvoiceKind, string> = { invoice: 'petrole', credit_note: 'grape' };

function CodeBadge({ prefix, code, color, size = 'md' }: { prefix: string; code: string; color: string; size?: 'sm' | 'md' | 'lg' }) {
  const label = useCode();
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

type InvoicingTab = '/app/factures' | '/app/factures/reglages';

/** The invoicing module's own navigation: the documents, and the per-company settings. */
export function InvoicingTabs() {
  const t = useT();
  const navigate = useNavigate();
  const pathname = useLocation({ select: (l) => l.pathname.replace(/\/$/, '') });
  const canRead = usePermission('invoicing.read');
  const tabs: { to: InvoicingTab; label: MessageKey }[] = [
    { to: '/app/factures', label: 'invoices.tab.list' },
    { to: '/app/factures/reglages', label: 'invoices.tab.settings' },
  ];
  const active: InvoicingTab = pathname === '/app/factures/reglages' ? '/app/factures/reglages' : '/app/factures';
  if (!canRead) return null;
  return (
    <Tabs value={active} onChange={(value) => value && void navigate({ to: value as InvoicingTab })} variant="outline">
      <Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Tab key={tab.to} value={tab.to}>
            {t(tab.label)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}

/** A link to an invoice's page that behaves as a link (href, new tab) and navigates inside the app on a plain click. */
export function InvoiceLink({ invoiceId, children, size = 'sm' }: { invoiceId: string; children: ReactNode; size?: 'xs' | 'sm' }) {
  const navigate = useNavigate();
  return (
    <Anchor
      href={`/app/factures/${encodeURIComponent(invoiceId)}`}
      size={size}
      ff="monospace"
      fw={600}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        void navigate({ to: '/app/factures/$invoiceId', params: { invoiceId } });
      }}
    >
      {children}
    </Anchor>
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
