import { Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, catalogKeys, isVersionEditable, type Product, type VersionDetail } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldErrorsOf } from '../../components/formErrors.tsx';
import { type Translate, useLang, useT } from '../../i18n/I18nProvider.tsx';
import type { Lang } from '../../i18n/lang.ts';
import { formatMoney } from '../../money.ts';
import { usePermissionFor } from '../../session.ts';
import { PlanRowsEditor, placedPlanPaths } from './PlanRowsEditor.tsx';
import { newPlanRow, type PlanRow, planRowErrors, planRowFromVersion, planRowToInput } from './planRows.ts';
import { ReadOnlyVersionNotice } from './ReadOnlyVersionNotice.tsx';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

function describeRule(rule: Record<string, unknown> | null, currency: string, lang: Lang, t: Translate, label: (p: string, c: string) => string): string {
  if (!rule) return t('product.rule.none');
  const mode = label('catalog.mode', String(rule.type));
  if (rule.type === 'fixed' && typeof rule.amount === 'number') {
    return `${mode} · ${formatMoney(rule.amount, currency, lang)} ${label('catalog.taxMode', String(rule.taxMode))} · ${label('catalog.tax', String(rule.taxCategory))}`;
  }
  return mode;
}

/**
 * The version's plans: a table, and for catalog writers an editor while the version may still
 * change (a draft or scheduled version); a version in force and published says to make a new one.
 */
export function VersionPlans({ product, version, currency, onGoToHistory }: { product: Product; version: VersionDetail; currency: string; onGoToHistory: () => void }) {
  const t = useT();
  const canWrite = usePermissionFor('catalog.write', product.companyId);
  const editable = isVersionEditable(version);
  const [rows, setRows] = useState<PlanRow[] | null>(null);
  if (rows) return <PlansForm product={product} version={version} currency={currency} initial={rows} onDone={() => setRows(null)} />;
  return (
    <Stack gap="sm">
      <PlansTable version={version} currency={currency} />
      {canWrite && editable && (
        <Group>
          <Button variant="light" onClick={() => setRows(version.plans.length > 0 ? version.plans.map(planRowFromVersion) : [newPlanRow()])}>
            {t('product.plans.edit')}
          </Button>
        </Group>
      )}
      {canWrite && !editable && <ReadOnlyVersionNotice onGoToHistory={onGoToHistory} />}
    </Stack>
  );
}

function PlansTable({ version, currency }: { version: VersionDetail; currency: string }) {
  const t = useT();
  const label = useCodeLabel();
  const { lang } = useLang();
  if (version.plans.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('product.plans.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('wizard.plan.code')}</Table.Th>
            <Table.Th>{t('wizard.plan.name')}</Table.Th>
            <Table.Th>{t('wizard.plan.recurrence')}</Table.Th>
            <Table.Th>{t('product.plans.rule')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {version.plans.map((p) => (
            <Table.Tr key={p.id} data-plan={p.code}>
              <Table.Td ff="monospace" fz="xs">
                {p.code}
              </Table.Td>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{label('catalog.recurrence', p.recurrence)}</Table.Td>
              <Table.Td fz="sm">
                {describeRule(p.rule, currency, lang, t, label)}
                {p.rule && p.rule.type !== 'fixed' && (
                  <Code block mt={4} fz="xs">
                    {JSON.stringify(p.rule, null, 2)}
                  </Code>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PlansForm({ product, version, currency, initial, onDone }: { product: Product; version: VersionDetail; currency: string; initial: PlanRow[]; onDone: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const priceRequired = product.pricingSource === 'internal';
  const [rows, setRows] = useState<PlanRow[]>(initial);
  const [checked, setChecked] = useState(false);
  const save = useMutation({
    mutationFn: () => catalogApi.setPlans(version.version.id, rows.map(planRowToInput)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.version(version.version.id) });
      onDone();
    },
  });
  const errors: Record<string, string> = {};
  if (checked) for (const [path, key] of Object.entries(planRowErrors(rows, priceRequired))) errors[path] = t(key);
  for (const [path, messages] of Object.entries(fieldErrorsOf(save.error))) errors[path] ??= messages.join(' ');
  const submit = () => {
    setChecked(true);
    if (Object.keys(planRowErrors(rows, priceRequired)).length === 0) save.mutate();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      aria-label={t('product.plans.edit')}
    >
      <Stack gap="md">
        <PlanRowsEditor
          rows={rows}
          onChange={(next) => {
            setRows(next);
            if (save.isError) save.reset();
          }}
          errors={errors}
          currency={currency}
          priceRequired={priceRequired}
          minRows={0}
        />
        {save.isError && <ErrorAlert error={save.error} placed={placedPlanPaths(rows.length)} />}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('product.plans.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
