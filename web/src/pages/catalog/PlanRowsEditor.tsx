import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { type PlanRecurrence, planRecurrences, type TaxCategory, taxCategories } from '../../catalogApi.ts';
import { errorMessages } from '../../components/formErrors.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { currencySymbol } from '../../money.ts';
import { exemptionCodes, keepsRule, newPlanRow, type PlanRow } from './planRows.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

/** The paths under `plans.<i>` this editor shows beside an input; anything else belongs in an alert. */
export function placedPlanPaths(count: number): string[] {
  return Array.from({ length: count }, (_, i) => [`plans.${i}.code`, `plans.${i}.name`, `plans.${i}.recurrence`, `plans.${i}.billingCycleDays`, `plans.${i}.rule`]).flat();
}

/** Messages of the rule (`plans.<i>.rule…`) that have no input of their own: shown under the price. */
function ruleMessages(errors: Record<string, string | undefined>, i: number): (string | undefined)[] {
  const own = [`plans.${i}.rule.taxCategory`, `plans.${i}.rule.exemptionCode`];
  return Object.entries(errors)
    .filter(([path]) => (path === `plans.${i}.rule` || path.startsWith(`plans.${i}.rule.`)) && !own.includes(path))
    .map(([, message]) => message);
}

/**
 * The plans of a version as editable rows: code, name, recurrence, and a fixed price typed in
 * the company's currency with its tax mode and category. Rules of other kinds are shown and kept.
 * `errors` are messages by field path (`plans.0.code`), from the form's checks or the server.
 */
export function PlanRowsEditor({
  rows,
  onChange,
  errors,
  currency,
  priceRequired,
  minRows = 1,
}: {
  rows: PlanRow[];
  onChange: (rows: PlanRow[]) => void;
  errors: Record<string, string | undefined>;
  currency: string;
  priceRequired: boolean;
  minRows?: number;
}) {
  const t = useT();
  const label = useCodeLabel();
  const setRow = (i: number, patch: Partial<PlanRow>) => onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <Stack gap="md">
      {rows.map((plan, i) => (
        <Paper key={plan.key} withBorder p="sm" radius="md" role="group" aria-label={t('plans.row', { index: i + 1 })}>
          <Stack gap="sm">
            <Group grow align="flex-start">
              <TextInput
                label={t('wizard.plan.code')}
                value={plan.code}
                onChange={(e) => setRow(i, { code: e.currentTarget.value.toUpperCase() })}
                required
                error={errors[`plans.${i}.code`]}
                ff="monospace"
              />
              <TextInput label={t('wizard.plan.name')} value={plan.name} onChange={(e) => setRow(i, { name: e.currentTarget.value })} required error={errors[`plans.${i}.name`]} />
              <Select
                label={t('wizard.plan.recurrence')}
                data={planRecurrences.map((r) => ({ value: r, label: label('catalog.recurrence', r) }))}
                value={plan.recurrence}
                onChange={(v) => setRow(i, { recurrence: (v ?? 'monthly') as PlanRecurrence })}
                allowDeselect={false}
                error={errors[`plans.${i}.recurrence`]}
              />
              {plan.recurrence === 'custom' && (
                <NumberInput
                  label={t('wizard.plan.billingCycleDays')}
                  value={plan.billingCycleDays}
                  onChange={(v) => setRow(i, { billingCycleDays: v })}
                  min={1}
                  max={3660}
                  error={errors[`plans.${i}.billingCycleDays`]}
                />
              )}
            </Group>
            {keepsRule(plan) ? (
              <Stack gap={2}>
                <Text size="sm">{t('plans.keptRule', { mode: label('catalog.mode', String(plan.loadedRule?.type)) })}</Text>
                {errorMessages(ruleMessages(errors, i)) && (
                  <Text size="sm" c="red">
                    {errorMessages(ruleMessages(errors, i))}
                  </Text>
                )}
              </Stack>
            ) : (
              <Group grow align="flex-start">
                <TextInput
                  label={t('wizard.plan.price')}
                  description={t('wizard.plan.price.description')}
                  value={plan.price}
                  onChange={(e) => setRow(i, { price: e.currentTarget.value })}
                  inputMode="decimal"
                  required={priceRequired}
                  error={errorMessages(ruleMessages(errors, i))}
                  rightSection={<Text size="xs">{currencySymbol(currency)}</Text>}
                  rightSectionWidth={currency === 'EUR' ? undefined : 44}
                />
                <Select
                  label={t('wizard.plan.taxCategory')}
                  data={taxCategories.map((c) => ({ value: c, label: label('catalog.tax', c) }))}
                  value={plan.taxCategory}
                  onChange={(v) => setRow(i, { taxCategory: (v ?? 'standard') as TaxCategory })}
                  allowDeselect={false}
                  error={errors[`plans.${i}.rule.taxCategory`]}
                />
                {plan.taxCategory === 'exempt' && (
                  <Select
                    label={t('wizard.plan.exemptionCode')}
                    data={[...exemptionCodes]}
                    value={plan.exemptionCode}
                    onChange={(v) => setRow(i, { exemptionCode: v })}
                    required
                    error={errors[`plans.${i}.rule.exemptionCode`]}
                  />
                )}
                <Switch
                  mt={32}
                  label={t('wizard.plan.taxMode')}
                  checked={plan.taxIncl}
                  onChange={(e) => setRow(i, { taxIncl: e.currentTarget.checked })}
                  description={plan.taxIncl ? t('catalog.taxMode.incl') : t('catalog.taxMode.excl')}
                />
              </Group>
            )}
            {rows.length > minRows && (
              <Group justify="flex-end">
                <Button size="xs" variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  {t('wizard.plans.remove')}
                </Button>
              </Group>
            )}
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button variant="light" onClick={() => onChange([...rows, newPlanRow()])}>
          {t('wizard.plans.add')}
        </Button>
      </Group>
    </Stack>
  );
}
