import { Alert, Anchor, Badge, Button, Grid, Group, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Field, SectionCard } from '../../components/SectionCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime, formatDay } from '../../i18n/format.ts';
import { type InvoiceDetail, invoiceDocumentOf, invoiceQuery, type Party, type Seller } from '../../invoicingApi.ts';
import { hasPermissionFor, useCompanyNames, useMe } from '../../session.ts';
import { OrderLink, useMoney } from '../payments/paymentsUi.tsx';
import { CreditNoteModal } from './CreditNoteModal.tsx';
import { creditableAmount, creditNotesOf, formatVatRate } from './invoicingForms.ts';
import { InvoiceKindBadge, InvoiceLink, InvoiceStatusBadge, useInvoiceDownload } from './invoicingUi.tsx';
import { ResendModal } from './ResendModal.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

/** How long the page keeps asking for the credit note after its refund was requested. */
const CREDIT_WAIT_MS = 180_000;

interface AwaitingCredit {
  amount: number;
  /** Credit notes of the invoice when the refund was asked: one more means it arrived. */
  before: number;
  since: number;
}

/** /app/factures/:invoiceId — an invoice or credit note as issued, its related documents, and what can be done with it. */
export function InvoicePage({ invoiceId }: { invoiceId: string }) {
  const t = useT();
  const [awaiting, setAwaiting] = useState<AwaitingCredit | null>(null);
  const detail = useQuery({
    ...invoiceQuery(invoiceId),
    // Rendering and mailing are jobs; a credit note follows the provider's confirmation: keep the page current meanwhile.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      if (data.status === 'rendering' || data.related.some((r) => r.status === 'rendering')) return 2000;
      if (awaiting && creditNotesOf(data.id, data.related).length <= awaiting.before && Date.now() - awaiting.since < CREDIT_WAIT_MS) return 2000;
      return false;
    },
  });
  usePageTitle(detail.data ? t(detail.data.kind === 'credit_note' ? 'invoice.title.credit_note' : 'invoice.title.invoice', { number: detail.data.number }) : t('invoices.heading'));
  if (detail.isPending || detail.isError) return <QueryFallback query={detail} back={<BackLink />} />;
  const arrived = awaiting !== null && creditNotesOf(detail.data.id, detail.data.related).length > awaiting.before;
  return (
    <InvoiceView
      detail={detail.data}
      awaiting={awaiting && !arrived ? awaiting : null}
      onCreditRequested={(amount) => setAwaiting({ amount, before: creditNotesOf(detail.data.id, detail.data.related).length, since: Date.now() })}
    />
  );
}

function BackLink() {
  const t = useT();
  return (
    <Anchor component={Link} to="/app/factures" size="sm">
      ← {t('invoice.back')}
    </Anchor>
  );
}

function InvoiceView({ detail, awaiting, onCreditRequested }: { detail: InvoiceDetail; awaiting: AwaitingCredit | null; onCreditRequested: (amount: number) => void }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const code = useCodeLabel();
  const me = useMe();
  const companyNames = useCompanyNames();
  const download = useInvoiceDownload();
  const [dialog, setDialog] = useState<'resend' | 'credit' | null>(null);
  const doc = invoiceDocumentOf(detail);
  const cur = detail.currency;
  const isCredit = detail.kind === 'credit_note';
  const canIssue = hasPermissionFor(me, 'invoicing.issue', detail.companyId);
  const canRefund = hasPermissionFor(me, 'payments.refund', detail.companyId);
  const creditable = creditableAmount(detail, detail.related);
  const credited = detail.totalInclTax - creditable;
  const rendering = detail.status === 'rendering';
  const downloading = (format: 'pdf' | 'xml') => download.isPending && download.variables?.format === format;

  return (
    <Stack gap="lg" maw={1300}>
      <BackLink />
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2} data-testid="invoice-number">
              {t(isCredit ? 'invoice.title.credit_note' : 'invoice.title.invoice', { number: detail.number })}
            </Title>
            <InvoiceKindBadge kind={detail.kind} size="lg" />
            <InvoiceStatusBadge status={detail.status} size="lg" />
            {doc.paid && !isCredit && (
              <Badge color="green" variant="outline" size="lg">
                {t('invoice.paid')}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            {[companyNames(detail.companyId), t('invoice.issuedOn', { date: formatDay(detail.issueDate, lang) })].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
        <Group gap="xs" wrap="wrap">
          <Button onClick={() => download.mutate({ invoiceId: detail.id, number: detail.number, format: 'pdf' })} loading={downloading('pdf')} disabled={!detail.pdfSha256}>
            {t('invoice.download.pdf')}
          </Button>
          {detail.xmlSha256 && (
            <Button variant="light" onClick={() => download.mutate({ invoiceId: detail.id, number: detail.number, format: 'xml' })} loading={downloading('xml')}>
              {t('invoice.download.xml')}
            </Button>
          )}
          {canIssue && (
            <Button variant="light" onClick={() => setDialog('resend')} disabled={rendering}>
              {t('invoice.resend')}
            </Button>
          )}
          {canIssue && canRefund && !isCredit && creditable > 0 && (
            <Button color="orange" variant="light" onClick={() => setDialog('credit')} disabled={awaiting !== null}>
              {t('invoice.creditNote')}
            </Button>
          )}
        </Group>
      </Group>

      {rendering && (
        <Alert color="yellow" variant="light" icon={<Loader size="xs" />} role="status">
          <Text size="sm">{t('invoice.rendering')}</Text>
        </Alert>
      )}
      {awaiting && (
        <Alert color="orange" variant="light" title={t('invoice.credit.pending.title')} icon={<Loader size="xs" />} role="status">
          <Text size="sm">{t('invoice.credit.pending.body', { amount: money(awaiting.amount, cur) })}</Text>
        </Alert>
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <SectionCard title={t('invoice.header')}>
              <Grid>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t('invoice.number')}>
                    <Text size="sm" ff="monospace" fw={600}>
                      {detail.number}
                    </Text>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t('invoice.issueDate')}>
                    <Text size="sm">{formatDay(detail.issueDate, lang)}</Text>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t('invoice.deliveryDate')}>
                    <Text size="sm">{doc.deliveryDate ? formatDay(doc.deliveryDate, lang) : '—'}</Text>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t(doc.paid ? 'invoice.paidOn' : 'invoice.dueDate')}>
                    <Text size="sm">{doc.dueDate ? formatDay(doc.dueDate, lang) : '—'}</Text>
                  </Field>
                </Grid.Col>
                <Grid.Col span={{ base: 6, sm: 3 }}>
                  <Field label={t('invoice.order')}>
                    <OrderLink orderId={detail.orderId}>{doc.orderReference ?? t('invoice.openOrder')}</OrderLink>
                  </Field>
                </Grid.Col>
                {doc.precedingInvoice && (
                  <Grid.Col span={{ base: 6, sm: 3 }}>
                    <Field label={t('invoice.precedingInvoice')}>
                      {detail.creditedInvoiceId ? (
                        <InvoiceLink invoiceId={detail.creditedInvoiceId}>{doc.precedingInvoice.number}</InvoiceLink>
                      ) : (
                        <Text size="sm">{doc.precedingInvoice.number}</Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {formatDay(doc.precedingInvoice.issueDate, lang)}
                      </Text>
                    </Field>
                  </Grid.Col>
                )}
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <Field label={t('invoice.delivery')}>
                    <Text size="sm">{detail.sentAt ? t('invoice.sentTo', { date: formatDateTime(detail.sentAt, lang), to: detail.sentTo ?? '—' }) : t('invoice.notSent')}</Text>
                  </Field>
                </Grid.Col>
              </Grid>
            </SectionCard>

            <SectionCard title={t('invoice.lines')}>
              <Table.ScrollContainer minWidth={600}>
                <Table verticalSpacing="xs" aria-label={t('invoice.lines')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('invoice.col.description')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.col.quantity')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.col.unit')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.col.vat')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.col.amount')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {doc.lines.map((line) => (
                      <Table.Tr key={line.position}>
                        <Table.Td fz="sm">{line.description}</Table.Td>
                        <Table.Td ta="right">{line.quantity}</Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {money(line.unitPriceExclTax, cur)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {line.vatCategory === 'S' ? formatVatRate(line.vatRateBp, lang) : code('invoice.vatCategory', line.vatCategory)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {money(line.amountExclTax, cur)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </SectionCard>

            <SectionCard title={t('invoice.vat')}>
              <Table.ScrollContainer minWidth={600}>
                <Table verticalSpacing="xs" aria-label={t('invoice.vat')} data-testid="vat-breakdown">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('invoice.vat.col.rate')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.vat.col.base')}</Table.Th>
                      <Table.Th ta="right">{t('invoice.vat.col.amount')}</Table.Th>
                      <Table.Th>{t('invoice.vat.col.mention')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {doc.vatBreakdown.map((group) => (
                      <Table.Tr key={`${group.vatCategory}-${group.vatRateBp}`} data-vat-rate={group.vatRateBp}>
                        <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                          {code('invoice.vatCategory', group.vatCategory)} {formatVatRate(group.vatRateBp, lang)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {money(group.taxableAmount, cur)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          {money(group.taxAmount, cur)}
                        </Table.Td>
                        <Table.Td fz="sm">
                          {group.exemptionReason ?? '—'}
                          {group.exemptionCode && (
                            <Text size="xs" c="dimmed" ff="monospace">
                              {group.exemptionCode}
                            </Text>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap={2} align="flex-end" data-testid="invoice-totals">
                <Total label={t('invoice.totalExclTax')} value={money(doc.totals.taxExclusive, cur)} />
                <Total label={t('invoice.totalTax')} value={money(doc.totals.tax, cur)} />
                <Total label={t('invoice.totalInclTax')} value={money(doc.totals.taxInclusive, cur)} strong />
                {doc.totals.prepaid > 0 && <Total label={t(isCredit ? 'invoice.refunded' : 'invoice.prepaid')} value={money(doc.totals.prepaid, cur)} />}
                {!isCredit && <Total label={t('invoice.due')} value={money(doc.totals.dueAmount, cur)} />}
                {!isCredit && credited > 0 && <Total label={t('invoice.credited')} value={money(credited, cur)} />}
              </Stack>
            </SectionCard>

            <SectionCard title={t('invoice.notes')}>
              <Stack gap="xs">
                <Field label={t('invoice.paymentTerms')}>
                  <Text size="sm">{doc.paymentTerms}</Text>
                </Field>
                {doc.notes.length > 0 && (
                  <List size="sm" spacing={4}>
                    {doc.notes.map((note) => (
                      <List.Item key={note}>{note}</List.Item>
                    ))}
                  </List>
                )}
              </Stack>
            </SectionCard>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <SectionCard title={t('invoice.seller')}>
              <PartyBlock party={doc.seller} seller={doc.seller} />
            </SectionCard>
            <SectionCard title={t('invoice.buyer')}>
              <PartyBlock party={doc.buyer} />
            </SectionCard>
            <SectionCard title={t('invoice.related')} description={t('invoice.related.description')}>
              {detail.related.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('invoice.related.empty')}
                </Text>
              ) : (
                <Stack gap="sm" data-testid="related-documents">
                  {detail.related.map((related) => {
                    const relation =
                      related.kind === 'credit_note' && related.creditedInvoiceId === detail.id
                        ? t('invoice.related.creditsThis')
                        : related.id === detail.creditedInvoiceId
                          ? t('invoice.related.creditedByThis')
                          : null;
                    return (
                      <Group key={related.id} justify="space-between" align="flex-start" wrap="nowrap" gap="sm" data-related={related.number} data-kind={related.kind}>
                        <Stack gap={2}>
                          <Group gap={6} wrap="nowrap">
                            <InvoiceLink invoiceId={related.id}>{related.number}</InvoiceLink>
                            <InvoiceKindBadge kind={related.kind} size="sm" />
                          </Group>
                          <Text size="xs" c="dimmed">
                            {[formatDay(related.issueDate, lang), relation].filter(Boolean).join(' · ')}
                          </Text>
                        </Stack>
                        <Stack gap={2} align="flex-end">
                          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                            {money(related.totalInclTax, related.currency)}
                          </Text>
                          <InvoiceStatusBadge status={related.status} size="sm" />
                        </Stack>
                      </Group>
                    );
                  })}
                </Stack>
              )}
            </SectionCard>
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog === 'resend' && <ResendModal invoice={detail} customerEmail={doc.buyer.email ?? null} onClose={() => setDialog(null)} />}
      {dialog === 'credit' && (
        <CreditNoteModal invoice={detail} max={creditable} customerName={doc.buyer.name} onClose={() => setDialog(null)} onRequested={onCreditRequested} />
      )}
    </Stack>
  );
}

function PartyBlock({ party, seller }: { party: Party; seller?: Seller }) {
  const t = useT();
  const { address } = party;
  const identifiers: [string, string | null | undefined][] = [
    [t('invoice.siren'), party.siren],
    [t('invoice.siret'), party.siret],
    [t('invoice.vatNumber'), party.vatNumber],
  ];
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {party.name}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {[address.line1, address.line2, `${address.postalCode} ${address.city}`.trim(), address.country].filter(Boolean).join('\n')}
      </Text>
      {party.email && <Text size="sm">{party.email}</Text>}
      {identifiers
        .filter(([, value]) => !!value)
        .map(([label, value]) => (
          <Group key={label} gap={6} wrap="nowrap">
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {label}
            </Text>
            <Text size="sm" ff="monospace">
              {value}
            </Text>
          </Group>
        ))}
      {seller && (seller.legalMention || seller.registration) && (
        <Text size="xs" c="dimmed">
          {[seller.legalMention, seller.registration].filter(Boolean).join(' — ')}
        </Text>
      )}
      {seller?.iban && (
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {t('invoice.iban')}
          </Text>
          <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {seller.iban}
            {seller.bic ? ` · ${seller.bic}` : ''}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

function Total({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Group gap="md" justify="flex-end" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 500} miw={110} ta="right">
        {value}
      </Text>
    </Group>
  );
}
