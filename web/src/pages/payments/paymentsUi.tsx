import { Badge, Button, CopyButton } from '@mantine/core';
import { type ReactNode, useCallback } from 'react';
import { RouterAnchor } from '../../components/RouterAnchor.tsx';
import { SectionTabs } from '../../components/SectionTabs.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatMoney } from '../../money.ts';
import type { OrderStatus, PaymentStatus, RefundStatus, SubscriptionStatus, WebhookStatus } from '../../paymentsApi.ts';
import { usePermission } from '../../session.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

/** Minor units → « 29,90 € », « CHF 185.– » in the current language. */
export function useMoney(): (minor: number, currency: string) => string {
  const { lang } = useLang();
  return useCallback((minor: number, currency: string) => formatMoney(minor, currency, lang), [lang]);
}

const orderColors: Record<OrderStatus, string> = {
  draft: 'gray',
  awaiting_payment: 'yellow',
  paid: 'green',
  fulfilled: 'teal',
  cancelled: 'dark',
  partially_refunded: 'orange',
  refunded: 'grape',
};
const paymentColors: Record<PaymentStatus, string> = { pending: 'yellow', succeeded: 'green', failed: 'red', expired: 'gray' };
const refundColors: Record<RefundStatus, string> = { requested: 'gray', pending: 'yellow', succeeded: 'green', failed: 'red' };
const subscriptionColors: Record<SubscriptionStatus, string> = { incomplete: 'gray', active: 'green', past_due: 'orange', suspended: 'red', cancelled: 'dark' };
export const webhookColors: Record<WebhookStatus, string> = { received: 'blue', processed: 'green', failed: 'red', ignored: 'gray' };

function CodeBadge({ prefix, code, color, size = 'md' }: { prefix: string; code: string; color: string; size?: 'sm' | 'md' | 'lg' }) {
  const label = useCodeLabel();
  return (
    // The label never shrinks into an ellipsis: a table column is as wide as its widest badge.
    <Badge color={color} variant="light" size={size} style={{ flexShrink: 0 }} styles={{ label: { overflow: 'visible' } }} data-status={code}>
      {label(prefix, code)}
    </Badge>
  );
}

export const OrderStatusBadge = ({ status, size }: { status: OrderStatus; size?: 'sm' | 'md' | 'lg' }) => (
  <CodeBadge prefix="order.status" code={status} color={orderColors[status] ?? 'gray'} size={size} />
);
export const PaymentStatusBadge = ({ status }: { status: PaymentStatus }) => <CodeBadge prefix="payment.status" code={status} color={paymentColors[status] ?? 'gray'} />;
export const RefundStatusBadge = ({ status }: { status: RefundStatus }) => <CodeBadge prefix="refund.status" code={status} color={refundColors[status] ?? 'gray'} />;
export const SubscriptionStatusBadge = ({ status }: { status: SubscriptionStatus }) => (
  <CodeBadge prefix="subscription.status" code={status} color={subscriptionColors[status] ?? 'gray'} />
);
export const WebhookStatusBadge = ({ status }: { status: WebhookStatus }) => <CodeBadge prefix="webhook.status" code={status} color={webhookColors[status] ?? 'gray'} />;

/** « par mois », « par an », « tous les 3 mois »; empty for a one-off. */
export function useRecurrence(): (interval: 'month' | 'year' | null, count?: number | null) => string {
  const t = useT();
  return useCallback(
    (interval: 'month' | 'year' | null, count?: number | null) => {
      if (!interval) return '';
      const n = count ?? 1;
      if (n === 1) return t(interval === 'month' ? 'recurrence.month' : 'recurrence.year');
      return t(interval === 'month' ? 'recurrence.months' : 'recurrence.years', { count: n });
    },
    [t],
  );
}

const paymentsTabs = [
  { to: '/app/paiements', label: 'payments.tab.payments' },
  { to: '/app/paiements/webhooks', label: 'payments.tab.webhooks' },
  { to: '/app/paiements/marchands', label: 'payments.tab.merchants' },
] as const;

/** The payments module's own navigation: payments, the webhook inbox, merchants. */
export function PaymentsTabs() {
  const canSeeWorkspace = usePermission('payments.read');
  return canSeeWorkspace ? <SectionTabs tabs={paymentsTabs} /> : null;
}

/** A link to an order page that behaves as a link (href, new tab) and navigates inside the app on a plain click. */
export function OrderLink({ orderId, children, size = 'sm' }: { orderId: string; children: ReactNode; size?: 'xs' | 'sm' }) {
  return (
    <RouterAnchor to="/app/commandes/$orderId" params={{ orderId }} size={size}>
      {children}
    </RouterAnchor>
  );
}

/** « Copier » / « Copié », for links handed to customers and merchants. */
export function CopyLinkButton({ value }: { value: string }) {
  const t = useT();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="subtle" color={copied ? 'teal' : undefined} onClick={copy} style={{ flexShrink: 0 }}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}
