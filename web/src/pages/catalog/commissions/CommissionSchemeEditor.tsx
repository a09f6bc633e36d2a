import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { VersionPlan } from '../../../catalogApi.ts';
import { errorMessages } from '../../../components/formErrors.tsx';
import { useT } from '../../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../../i18n/fr.ts';
import {
  accruals,
  appliesToValues,
  bpToPercentText,
  clawbackRules,
  newSchemeForm,
  type SchemeForm,
  schemeFormErrors,
  schemeRoles,
  settlements,
  splitSumBp,
  type TierRow,
  tierBases,
  tierModes,
} from './schemeForm.ts';

/** The scheme's fields chosen from a fixed list (one Select each, built by `choice`). */
type ChoiceKey = 'appliesTo' | 'settlement' | 'basis' | 'tierMode' | 'accrual' | 'clawbackRule';

export interface CommissionSchemeEditorProps {
  value: SchemeForm[];
  onChange: (next: SchemeForm[]) => void;
  /** The version's plans (a scheme may target one). */
  plans: readonly Pick<VersionPlan, 'code' | 'name'>[];
  /** The product's revenue model: it decides the engine's mode and base. */
  revenueModel: 'revenue' | 'commission' | 'mixed';
  /** Server field errors by path without `body.` (`schemes.0.split`, `schemes.1.tiers.0.value`). */
  serverErrors?: Record<string, string[]>;
  /** Show the client-side checks (after a first save attempt, or always in the wizard). */
  showClientErrors?: boolean;
  readOnly?: boolean;
}

/**
 * Seed 003 §3.3 / Annex E: the commission schemes of a product version — plan, applies-to, settlement,
 * a single rate or a tiers table (basis, from/to, percent or fixed amount), and the split per role with its
 * live sum. Controlled: the product page saves it with PUT /commissions, the wizard at its end.
 */
export function CommissionSchemeEditor({ value, onChange, plans, revenueModel, serverErrors = {}, showClientErrors = false, readOnly = false }: CommissionSchemeEditorProps) {
  const t = useT();
  const update = (i: number, patch: Partial<SchemeForm>) => onChange(value.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('scheme.intro')}
      </Text>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('scheme.empty')}
        </Text>
      )}
      {value.map((scheme, i) => (
        <SchemeCard
          // biome-ignore lint/suspicious/noArrayIndexKey: schemes are replaced as a whole; their index is their identity
          key={i}
          index={i}
          scheme={scheme}
          plans={plans}
          revenueModel={revenueModel}
          onChange={(patch) => update(i, patch)}
          onRemove={() => onChange(value.filter((_, j) => j !== i))}
          serverErrors={serverErrors}
          showClientErrors={showClientErrors}
          readOnly={readOnly}
        />
      ))}
      {!readOnly && (
        <Group>
          <Button variant="light" onClick={() => onChange([...value, newSchemeForm()])}>
            {t('scheme.add')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function SchemeCard({
  index,
  scheme,
  plans,
  revenueModel,
  onChange,
  onRemove,
  serverErrors,
  showClientErrors,
  readOnly,
}: {
  index: number;
  scheme: SchemeForm;
  plans: readonly Pick<VersionPlan, 'code' | 'name'>[];
  revenueModel: CommissionSchemeEditorProps['revenueModel'];
  onChange: (patch: Partial<SchemeForm>) => void;
  onRemove: () => void;
  serverErrors: Record<string, string[]>;
  showClientErrors: boolean;
  readOnly: boolean;
}) {
  const t = useT();
  const client = showClientErrors ? schemeFormErrors(scheme) : {};
  const sumBp = splitSumBp(scheme.splits);
  const sum = bpToPercentText(sumBp);
  /** The messages of a field: the server's when it answered, else the client's check. */
  const err = (path: string): ReactNode => {
    const server = serverErrors[`schemes.${index}.${path}`];
    if (server?.length) return errorMessages(server);
    const code = client[path];
    if (!code) return undefined;
    return code === 'splitSum' ? t('scheme.error.splitSum', { sum }) : t(`scheme.error.${code}`);
  };
  const setTier = (k: number, patch: Partial<TierRow>) => onChange({ tiers: scheme.tiers.map((row, j) => (j === k ? { ...row, ...patch } : row)) });
  const title = t('scheme.title', { n: index + 1 });
  const splitError = err('split');
  const base = revenueModel === 'commission' ? t('scheme.base.premium') : t('scheme.base.revenue');
  /** A choice among a fixed list: label `scheme.<key>`, help `scheme.<key>.help`, options `scheme.<key>.<value>`. */
  const choice = <K extends ChoiceKey>(key: K, values: readonly SchemeForm[K][], props: { help?: boolean; w?: number; disabled?: boolean } = {}) => (
    <Select
      label={t(`scheme.${key}` as MessageKey)}
      description={props.help === false ? undefined : t(`scheme.${key}.help` as MessageKey)}
      data={values.map((v) => ({ value: v, label: t(`scheme.${key}.${v}` as MessageKey) }))}
      value={scheme[key]}
      onChange={(v) => v && onChange({ [key]: v } as Partial<SchemeForm>)}
      allowDeselect={false}
      w={props.w}
      disabled={readOnly || props.disabled}
      error={err(key)}
    />
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={4}>{title}</Title>
          {!readOnly && (
            <Button variant="subtle" color="red" size="xs" onClick={onRemove}>
              {t('scheme.remove')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('scheme.plan')}
            description={t('scheme.plan.help')}
            data={[{ value: '', label: t('scheme.plan.all') }, ...plans.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
            value={scheme.planCode ?? ''}
            onChange={(v) => onChange({ planCode: v ? v : null })}
            allowDeselect={false}
            disabled={readOnly}
            error={err('planCode')}
          />
          {choice('appliesTo', appliesToValues)}
          {choice('settlement', settlements)}
        </SimpleGrid>

        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {t('scheme.pricing')}
          </Text>
          <SegmentedControl
            w="fit-content"
            aria-label={t('scheme.pricing')}
            data={[
              { value: 'rate', label: t('scheme.pricing.rate') },
              { value: 'tiers', label: t('scheme.pricing.tiers') },
            ]}
            value={scheme.pricing}
            onChange={(v) => onChange(v === 'tiers' && scheme.tiers.length === 0 ? { pricing: 'tiers', tiers: [{ min: '0', max: '', valueType: 'percent', value: scheme.rate }] } : { pricing: v as SchemeForm['pricing'] })}
            disabled={readOnly}
          />
        </Stack>

        {scheme.pricing === 'rate' ? (
          <TextInput
            label={t('scheme.rate')}
            description={t('scheme.rate.help')}
            value={scheme.rate}
            onChange={(e) => onChange({ rate: e.currentTarget.value })}
            inputMode="decimal"
            w={260}
            disabled={readOnly}
            error={err('rate') ?? err('tiers.0.value')}
          />
        ) : (
          <Stack gap="xs">
            {choice('basis', tierBases, { w: 320 })}
            {choice('tierMode', tierModes, { w: 320 })}
            <Text size="xs" c="dimmed">
              {t('scheme.tiers.help')}
            </Text>
            <Table withRowBorders={false} verticalSpacing={4} w="fit-content">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scheme.tier.min')}</Table.Th>
                  <Table.Th>{t('scheme.tier.max')}</Table.Th>
                  <Table.Th>{t('scheme.tier.valueType')}</Table.Th>
                  <Table.Th>{t('scheme.tier.value')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scheme.tiers.map((row, k) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: tiers have no identity before they are saved
                  <Table.Tr key={k}>
                    <Table.Td>
                      <TextInput aria-label={`${t('scheme.tier.min')} ${k + 1}`} value={row.min} onChange={(e) => setTier(k, { min: e.currentTarget.value })} inputMode="decimal" w={110} disabled={readOnly} error={err(`tiers.${k}.min`)} />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={`${t('scheme.tier.max')} ${k + 1}`}
                        placeholder={t('scheme.tier.maxOpen')}
                        value={row.max}
                        onChange={(e) => setTier(k, { max: e.currentTarget.value })}
                        inputMode="decimal"
                        w={110}
                        disabled={readOnly}
                        error={err(`tiers.${k}.max`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={`${t('scheme.tier.valueType')} ${k + 1}`}
                        data={[
                          { value: 'percent', label: t('scheme.tier.percent') },
                          { value: 'amount', label: t('scheme.tier.amount') },
                        ]}
                        value={row.valueType}
                        onChange={(v) => v && setTier(k, { valueType: v as TierRow['valueType'] })}
                        allowDeselect={false}
                        w={140}
                        disabled={readOnly}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={`${t('scheme.tier.value')} ${k + 1}`} value={row.value} onChange={(e) => setTier(k, { value: e.currentTarget.value })} inputMode="decimal" w={110} disabled={readOnly} error={err(`tiers.${k}.value`)} />
                    </Table.Td>
                    <Table.Td>
                      {!readOnly && (
                        <Button variant="subtle" color="red" size="xs" onClick={() => onChange({ tiers: scheme.tiers.filter((_, j) => j !== k) })}>
                          {t('scheme.tier.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {err('tiers') && (
              <Text size="sm" c="red">
                {err('tiers')}
              </Text>
            )}
            {!readOnly && (
              <Group>
                <Button
                  variant="light"
                  size="xs"
                  onClick={() => {
                    const last = scheme.tiers[scheme.tiers.length - 1];
                    onChange({ tiers: [...scheme.tiers, { min: last?.max ?? '', max: '', valueType: last?.valueType ?? 'percent', value: '' }] });
                  }}
                >
                  {t('scheme.tier.add')}
                </Button>
              </Group>
            )}
          </Stack>
        )}

        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('scheme.split')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('scheme.split.help')}
          </Text>
          {scheme.splits.map((row, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: split rows have no identity before they are saved
            <Group key={k} align="flex-start">
              <Select
                aria-label={`${t('scheme.split.role')} ${k + 1}`}
                data={schemeRoles.map((r) => ({ value: r, label: t(`scheme.role.${r}`) }))}
                value={row.role}
                onChange={(v) => v && onChange({ splits: scheme.splits.map((s, j) => (j === k ? { ...s, role: v as typeof row.role, key: v } : s)) })}
                allowDeselect={false}
                w={200}
                disabled={readOnly}
              />
              <TextInput
                aria-label={`${t('scheme.split.percent')} ${k + 1}`}
                value={row.percent}
                onChange={(e) => onChange({ splits: scheme.splits.map((s, j) => (j === k ? { ...s, percent: e.currentTarget.value } : s)) })}
                inputMode="decimal"
                rightSection="%"
                w={120}
                disabled={readOnly}
                error={err(`split.${row.key}`)}
              />
              {!readOnly && (
                <Button variant="subtle" color="red" size="xs" mt={6} onClick={() => onChange({ splits: scheme.splits.filter((_, j) => j !== k) })}>
                  {t('scheme.tier.remove')}
                </Button>
              )}
            </Group>
          ))}
          <Text size="sm" fw={600} c={sumBp === 10_000 ? 'green' : 'red'} role="status">
            {t('scheme.split.sum', { sum })}
          </Text>
          {splitError && (
            <Text size="sm" c="red" data-testid={`scheme-${index}-split-error`}>
              {splitError}
            </Text>
          )}
          {!readOnly && (
            <Group>
              <Button
                variant="light"
                size="xs"
                onClick={() => {
                  const free = schemeRoles.find((r) => !scheme.splits.some((s) => s.role === r)) ?? 'company';
                  onChange({ splits: [...scheme.splits, { role: free, key: free, percent: '' }] });
                }}
              >
                {t('scheme.split.add')}
              </Button>
            </Group>
          )}
        </Stack>

        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('scheme.options')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {choice('accrual', accruals)}
            <Select
              label={t('scheme.renewalAccrual')}
              data={[
                { value: '', label: t('scheme.renewalAccrual.same') },
                { value: 'postcompte', label: t('scheme.accrual.postcompte') },
                { value: 'precompte', label: t('scheme.accrual.precompte') },
              ]}
              value={scheme.renewalAccrual}
              onChange={(v) => onChange({ renewalAccrual: (v ?? '') as SchemeForm['renewalAccrual'] })}
              allowDeselect={false}
              disabled={readOnly}
            />
            <TextInput label={t('scheme.renewalRate')} description={t('scheme.renewalRate.help')} value={scheme.renewalRate} onChange={(e) => onChange({ renewalRate: e.currentTarget.value })} inputMode="decimal" disabled={readOnly} error={err('params.renewalRate')} />
            <TextInput label={t('scheme.clawbackMonths')} description={t('scheme.clawbackMonths.help')} value={scheme.clawbackMonths} onChange={(e) => onChange({ clawbackMonths: e.currentTarget.value })} inputMode="numeric" disabled={readOnly} error={err('params.clawback.months')} />
            {choice('clawbackRule', clawbackRules, { help: false, disabled: !scheme.clawbackMonths.trim() })}
            <div />
            <TextInput label={t('scheme.perLineMin')} description={t('scheme.perLine.help')} value={scheme.perLineMin} onChange={(e) => onChange({ perLineMin: e.currentTarget.value })} inputMode="decimal" disabled={readOnly} error={err('params.perLine.min')} />
            <TextInput label={t('scheme.perLineMax')} value={scheme.perLineMax} onChange={(e) => onChange({ perLineMax: e.currentTarget.value })} inputMode="decimal" disabled={readOnly} error={err('params.perLine.max')} />
            <div />
            <TextInput label={t('scheme.dueDay')} description={t('scheme.dueDay.help')} value={scheme.dueDay} onChange={(e) => onChange({ dueDay: e.currentTarget.value })} inputMode="numeric" disabled={readOnly} error={err('params.due.day')} />
            <TextInput label={t('scheme.dueMonthsAfter')} value={scheme.dueMonthsAfter} onChange={(e) => onChange({ dueMonthsAfter: e.currentTarget.value })} inputMode="numeric" disabled={readOnly || !scheme.dueDay.trim()} error={err('params.due.monthsAfter')} />
          </SimpleGrid>
        </Stack>

        <Stack gap={2}>
          <Text size="xs" fw={600}>
            {t('scheme.derived')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('scheme.derived.mode', { mode: t(`scheme.mode.${revenueModel}`) })} · {t('scheme.derived.base', { base })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('scheme.derived.rest')}
          </Text>
        </Stack>
      </Stack>
    </Paper>
  );
}
