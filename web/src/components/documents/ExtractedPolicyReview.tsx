import { Alert, Badge, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { type ConfirmedFields, type CoverageCode, coverageCodes, type Extraction } from '../../documentsApi.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { confidenceColor, formatAmountInput, parseAmountInput } from './reviewFormat.ts';

export { confidenceColor };

type FieldKey = 'insurer' | 'policyNumber' | 'premium' | 'startDate' | 'endDate' | 'coverageType';

interface FormState {
  insurer: string;
  policyNumber: string;
  amount: string;
  currency: 'CHF' | 'EUR';
  period: 'year' | 'month';
  startDate: string;
  endDate: string;
  coverageType: CoverageCode | null;
}

function initialState(extraction: Extraction): FormState {
  const f = extraction.fields;
  const c = extraction.confirmed;
  const premium = c ? c.premium : (f?.premium?.value ?? null);
  return {
    insurer: (c ? c.insurer : f?.insurer?.value) ?? '',
    policyNumber: (c ? c.policyNumber : f?.policyNumber?.value) ?? '',
    amount: premium ? formatAmountInput(premium.amount) : '',
    currency: premium?.currency ?? 'CHF',
    period: premium?.period ?? 'year',
    startDate: (c ? c.startDate : f?.startDate?.value) ?? '',
    endDate: (c ? c.endDate : f?.endDate?.value) ?? '',
    coverageType: (c ? c.coverageType : f?.coverageType?.value) ?? null,
  };
}

export interface ExtractedPolicyReviewProps {
  extraction: Extraction;
  onConfirm: (fields: ConfirmedFields) => unknown;
  busy?: boolean;
  /** Hides the button (a reader without the right to confirm). */
  readOnly?: boolean;
}

/**
 * The fields read from an insurance policy, each with its confidence as a coloured badge and the line it was read
 * from, editable; « Confirmer » sends the values as they stand (corrected or not). Used by the public journey and the
 * back-office alike: it depends on nothing but its props and the dictionaries.
 */
export function ExtractedPolicyReview({ extraction, onConfirm, busy = false, readOnly = false }: ExtractedPolicyReviewProps) {
  const t = useT();
  const { lang } = useLang();
  const [state, setState] = useState<FormState>(() => initialState(extraction));
  const [amountError, setAmountError] = useState<string | null>(null);
  // A new extraction (the job finished, a review was saved) resets the form to what the server holds.
  const version = `${extraction.documentId}:${extraction.status}:${extraction.confirmedBy?.at ?? ''}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the server's version changes
  useEffect(() => setState(initialState(extraction)), [version]);

  const coverageOptions = useMemo(() => coverageCodes.map((code) => ({ value: code, label: t(`coverage.${code}` as MessageKey) })), [t]);

  if (extraction.status === 'pending') {
    return (
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text size="sm">{t('documents.review.pending')}</Text>
      </Group>
    );
  }

  const fields = extraction.fields;
  const badge = (key: FieldKey) => {
    const field = fields?.[key] ?? null;
    const label = field ? t('documents.review.badge', { value: field.confidence }) : t('documents.review.notFound');
    const element = (
      <Badge color={confidenceColor(field?.confidence)} variant="light" data-testid={`confidence-${key}`} data-confidence={field?.confidence ?? ''}>
        {label}
      </Badge>
    );
    return field?.source ? (
      <Tooltip label={t('documents.review.source', { source: field.source })} multiline maw={420}>
        {element}
      </Tooltip>
    ) : (
      element
    );
  };
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setState((s) => ({ ...s, [key]: value }));
  const labelWith = (key: FieldKey, text: string) => (
    <Group gap={6} component="span" wrap="nowrap">
      <span>{text}</span>
      {badge(key)}
    </Group>
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let premium: ConfirmedFields['premium'] = null;
    if (state.amount.trim()) {
      const amount = parseAmountInput(state.amount);
      if (amount === undefined) {
        setAmountError(t('documents.field.premium'));
        return;
      }
      premium = { amount, currency: state.currency, period: state.period };
    }
    setAmountError(null);
    void onConfirm({
      insurer: state.insurer.trim() || null,
      policyNumber: state.policyNumber.trim() || null,
      premium,
      startDate: state.startDate || null,
      endDate: state.endDate || null,
      coverageType: state.coverageType,
      coverages: extraction.confirmed?.coverages ?? fields?.coverages ?? [],
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label={t('documents.review.heading')}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600}>{t('documents.review.heading')}</Text>
          {extraction.overallConfidence !== null && (
            <Badge color={confidenceColor(extraction.overallConfidence)} data-testid="confidence-overall">
              {t('documents.review.overall', { value: extraction.overallConfidence })}
            </Badge>
          )}
        </Group>
        {extraction.status === 'failed' && (
          <Alert color="orange" variant="light">
            {t('documents.review.failed', { error: extraction.error ?? '' })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={labelWith('insurer', t('documents.field.insurer'))} value={state.insurer} onChange={(e) => set('insurer', e.currentTarget.value)} name="insurer" />
          <TextInput label={labelWith('policyNumber', t('documents.field.policyNumber'))} value={state.policyNumber} onChange={(e) => set('policyNumber', e.currentTarget.value)} name="policyNumber" />
          <TextInput label={labelWith('premium', t('documents.field.premium'))} value={state.amount} onChange={(e) => set('amount', e.currentTarget.value)} name="premium" inputMode="decimal" error={amountError} />
          <Group grow gap="xs" align="flex-end">
            <Select label={t('documents.field.currency')} data={['CHF', 'EUR']} value={state.currency} onChange={(v) => v && set('currency', v as 'CHF' | 'EUR')} allowDeselect={false} />
            <Select
              label={t('documents.field.premiumPeriod')}
              data={[
                { value: 'year', label: t('documents.period.year') },
                { value: 'month', label: t('documents.period.month') },
              ]}
              value={state.period}
              onChange={(v) => v && set('period', v as 'year' | 'month')}
              allowDeselect={false}
            />
          </Group>
          <TextInput type="date" label={labelWith('startDate', t('documents.field.startDate'))} value={state.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} name="startDate" />
          <TextInput type="date" label={labelWith('endDate', t('documents.field.endDate'))} value={state.endDate} onChange={(e) => set('endDate', e.currentTarget.value)} name="endDate" />
          <Select label={labelWith('coverageType', t('documents.field.coverageType'))} data={coverageOptions} value={state.coverageType} onChange={(v) => set('coverageType', (v as CoverageCode) ?? null)} clearable />
        </SimpleGrid>
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {extraction.confirmedBy
              ? `${t('documents.review.confirmedBy', { date: formatDateTime(extraction.confirmedBy.at, lang), who: extraction.confirmedBy.kind === 'prospect' ? extraction.confirmedBy.id : extraction.confirmedBy.kind })} · ${t('documents.review.corrections', { count: extraction.corrections.reduce((n, r) => n + r.changes.length, 0) })}`
              : ''}
          </Text>
          {!readOnly && (
            <Button type="submit" loading={busy}>
              {t('documents.review.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
