import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  MultiSelect,
  Paper,
  Progress,
  Select,
  Stack,
  Stepper,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api.ts';
import {
  type Channel,
  catalogApi,
  catalogKeys,
  channels,
  documentTypes,
  manualBadgeCodes,
  partnersQuery,
  pricingSources,
  productsQuery,
  revenueModels,
  risksQuery,
} from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldErrorsOf } from '../../components/formErrors.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { readBase64 } from '../../components/readBase64.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { companiesQuery } from '../../identityApi.ts';
import { parseAmountToCents } from '../../money.ts';
import { companyName } from '../../session.ts';
import { CommissionSchemeEditor } from './commissions/CommissionSchemeEditor.tsx';
import { formToInput, type SchemeForm, schemeFormErrors } from './commissions/schemeForm.ts';
import { PlanRowsEditor } from './PlanRowsEditor.tsx';
import { newPlanRow, type PlanRow, planRowErrors, planRowToInput } from './planRows.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

const SKU_PATTERN = /^[A-Z0-9][A-Z0-9._-]*$/;
const STEPS = 5;

interface DocRow {
  type: string;
  title: string;
  file: File | null;
  mandatory: boolean;
}
type Errors = Record<string, string>;


/** /app/catalogue/nouveau — five steps, then the creation calls in order. */
export function NewProductWizard() {
  const t = useT();
  const label = useCodeLabel();
  usePageTitle(t('wizard.heading'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const companies = useQuery(companiesQuery);
  const risks = useQuery(risksQuery);
  const partners = useQuery(partnersQuery);

  const [active, setActive] = useState(0);
  const [errors, setErrors] = useState<Errors>({});
  // Step 1
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [riskId, setRiskId] = useState<string | null>(null);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [revenueModel, setRevenueModel] = useState<string>('revenue');
  const [pricingSource, setPricingSource] = useState<string>('internal');
  const [badges, setBadges] = useState<string[]>([]);
  const [newRiskOpen, setNewRiskOpen] = useState(false);
  const [riskCode, setRiskCode] = useState('');
  const [riskLabel, setRiskLabel] = useState('');
  const [riskError, setRiskError] = useState<unknown>(null);
  // Steps 2–4
  const [plans, setPlans] = useState<PlanRow[]>(() => [newPlanRow()]);
  const [schemes, setSchemes] = useState<SchemeForm[]>([]);
  const [schemeErrors, setSchemeErrors] = useState<Record<string, string[]>>({});
  const [docs, setDocs] = useState<DocRow[]>([]);
  // Step 5
  const [selectedChannels, setSelectedChannels] = useState<string[]>(['web']);
  const [visibility, setVisibility] = useState<string>('public');
  const [startDate, setStartDate] = useState(() => new Date().toISOString().slice(0, 10));
  const [glAccount, setGlAccount] = useState('706000');
  const [glCommission, setGlCommission] = useState('706200');
  const [journal, setJournal] = useState('VT');
  // Submission
  const [busy, setBusy] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ productId: string; notReady?: { message: string; ok: boolean }[] } | null>(null);

  const [debouncedSku] = useDebouncedValue(sku.trim(), 350);
  const skuValid = debouncedSku.length >= 2 && SKU_PATTERN.test(debouncedSku);
  const skuSearch = useQuery({ ...productsQuery({ q: debouncedSku, limit: 50 }), enabled: skuValid });
  const skuTaken = skuValid && !!skuSearch.data?.items.some((p) => p.sku === debouncedSku);
  const skuChecked = skuValid && debouncedSku === sku.trim() && skuSearch.isSuccess;

  const companyOptions = (companies.data?.items ?? []).map((c) => ({ value: c.id, label: companyName(c) }));
  const riskOptions = (risks.data?.items ?? []).filter((r) => r.companyId === companyId || r.isGlobal).map((r) => ({ value: r.id, label: r.label }));
  const partnerOptions = (partners.data?.items ?? []).filter((p) => p.companyId === companyId).map((p) => ({ value: p.id, label: p.name }));
  const needsPlans = pricingSource === 'internal';
  const currency = companies.data?.items.find((c) => c.id === companyId)?.currency ?? 'EUR';
  const schemesValid = schemes.every((s) => Object.keys(schemeFormErrors(s)).length === 0);

  function validate(step: number): Errors {
    const e: Errors = {};
    const req = t('wizard.error.required');
    if (step === 0) {
      if (!companyId) e.companyId = req;
      if (!riskId) e.riskId = req;
      if (!name.trim()) e.name = req;
      if (!sku.trim()) e.sku = req;
      else if (sku.trim().length < 2 || !SKU_PATTERN.test(sku.trim())) e.sku = t('wizard.error.sku');
      else if (skuTaken) e.sku = t('wizard.error.skuTaken');
    }
    if (step === 1) {
      for (const [path, key] of Object.entries(planRowErrors(plans, needsPlans))) e[path] = t(key);
    }
    // The scheme editor shows its own messages on its fields once this is set.
    if (step === 2 && !schemesValid) e.schemes = t('scheme.error.invalid');
    if (step === 3) {
      docs.forEach((doc, i) => {
        if (!doc.title.trim()) e[`documents.${i}.title`] = req;
        if (!doc.file) e[`documents.${i}.file`] = t('wizard.error.file');
      });
    }
    if (step === 4) {
      if (selectedChannels.length === 0) e.channels = t('wizard.error.channels');
      if (!glAccount.trim()) e.glAccount = req;
    }
    return e;
  }

  const next = () => {
    const e = validate(active);
    setErrors(e);
    if (Object.keys(e).length === 0) setActive((s) => Math.min(s + 1, STEPS - 1));
  };
  const goTo = (step: number) => {
    // Going back is always allowed; going forward validates every step in between.
    for (let s = 0; s < step; s++) {
      const e = validate(s);
      if (Object.keys(e).length > 0) {
        setErrors(e);
        setActive(s);
        return;
      }
    }
    setErrors({});
    setActive(step);
  };

  async function createRisk() {
    if (!companyId) return;
    setRiskError(null);
    try {
      const risk = await catalogApi.createRisk({ companyId, code: riskCode.trim(), label: riskLabel.trim() });
      await queryClient.invalidateQueries({ queryKey: catalogKeys.risks });
      setRiskId(risk.id);
      setNewRiskOpen(false);
      setRiskCode('');
      setRiskLabel('');
    } catch (error) {
      setRiskError(error);
    }
  }

  const natures = revenueModel === 'commission' ? ['commission'] : revenueModel === 'mixed' ? ['revenue', 'commission'] : ['revenue'];
  const web = selectedChannels.includes('web') || selectedChannels.includes('marketplace');
  const preview: { key: MessageKey; ok: boolean }[] = [
    { key: 'wizard.checklist.documents', ok: !web || docs.some((d) => ['CGV', 'CGU', 'CG', 'DIPA'].includes(d.type) && d.file) },
    { key: 'wizard.checklist.accounting', ok: !!glAccount.trim() && (!natures.includes('commission') || !!glCommission.trim()) },
    { key: 'wizard.checklist.pricing', ok: !needsPlans || (plans.length > 0 && plans.every((p) => parseAmountToCents(p.price) !== null)) },
    { key: 'wizard.checklist.commissions', ok: schemesValid },
  ];

  async function submit(publish: boolean) {
    for (let s = 0; s < STEPS; s++) {
      const e = validate(s);
      if (Object.keys(e).length > 0) {
        setErrors(e);
        setActive(s);
        return;
      }
    }
    if (!companyId || !riskId) return;
    setSubmitError(null);
    let stage: MessageKey = 'wizard.stage.product';
    let productId: string | null = null;
    try {
      setBusy(t(stage));
      const { product, versionId } = await catalogApi.createProduct({
        sku: sku.trim(),
        name: name.trim(),
        description,
        companyId,
        partnerId: partnerId ?? null,
        riskId,
        revenueModel,
        pricingSource,
        badges,
      });
      productId = product.id;
      stage = 'wizard.stage.plans';
      setBusy(t(stage));
      const planInputs = plans.map(planRowToInput);
      if (planInputs.length > 0) await catalogApi.setPlans(versionId, planInputs);
      if (schemes.length > 0) {
        stage = 'wizard.stage.commissions';
        setBusy(t(stage));
        await catalogApi.setCommissions(versionId, schemes.map(formToInput));
      }
      stage = 'wizard.stage.documents';
      setBusy(t(stage));
      for (const doc of docs) {
        if (!doc.file) continue;
        await catalogApi.addDocument(versionId, {
          type: doc.type,
          title: doc.title.trim(),
          fileName: doc.file.name,
          contentType: doc.file.type || 'application/octet-stream',
          contentBase64: await readBase64(doc.file),
          mandatory: doc.mandatory,
          publish: true,
        });
      }
      stage = 'wizard.stage.accounting';
      setBusy(t(stage));
      await catalogApi.setAccountingMappings(
        versionId,
        natures.map((nature) => ({ companyId, nature, glAccount: nature === 'revenue' ? glAccount.trim() : glCommission.trim(), journal: journal.trim() || null })),
      );
      if (publish) {
        stage = 'wizard.stage.checklist';
        setBusy(t(stage));
        const checklist = await catalogApi.checklist(versionId, companyId, selectedChannels);
        if (!checklist.ready) {
          setCreated({ productId, notReady: checklist.items });
          return;
        }
        stage = 'wizard.stage.transition';
        setBusy(t(stage));
        await catalogApi.transition(productId, 'test');
        await catalogApi.transition(productId, 'active');
        stage = 'wizard.stage.publication';
        setBusy(t(stage));
        const today = new Date().toISOString().slice(0, 10);
        await catalogApi.publish(versionId, {
          companyId,
          channels: selectedChannels,
          visibility,
          startAt: startDate === today || !startDate ? new Date().toISOString() : new Date(`${startDate}T00:00:00`).toISOString(),
        });
      }
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      void navigate({ to: '/app/catalogue/produits/$productId', params: { productId } });
    } catch (error) {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      setSubmitError(error);
      if (productId) setCreated({ productId });
      // Field errors of the product itself belong to step 1.
      if (!productId && error instanceof ApiError && error.errors.length > 0) {
        const fields = fieldErrorsOf(error);
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.join(' ')])));
        setActive(0);
      } else if (stage === 'wizard.stage.commissions' && error instanceof ApiError) {
        setSchemeErrors(fieldErrorsOf(error));
        setActive(2);
      } else if (stage === 'wizard.stage.plans' && error instanceof ApiError) {
        setErrors(Object.fromEntries(Object.entries(fieldErrorsOf(error)).map(([k, v]) => [k, v.join(' ')])));
      }
    } finally {
      setBusy(null);
    }
  }

  const setDoc = (i: number, patch: Partial<DocRow>) => setDocs((list) => list.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  const skuHint = sku.trim() && !errors.sku ? (skuTaken ? undefined : skuChecked ? t('wizard.sku.free') : skuValid ? t('wizard.sku.checking') : undefined) : undefined;

  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader
        title={t('wizard.heading')}
        actions={
          <Button component={Link} to="/app/catalogue" variant="default">
            {t('wizard.cancel')}
          </Button>
        }
      />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('wizard.progress', { step: active + 1, total: STEPS })}
        </Text>
        <Progress value={((active + 1) / STEPS) * 100} aria-label={t('wizard.progress', { step: active + 1, total: STEPS })} />
      </Stack>
      <Paper withBorder radius="lg" p={{ base: 'md', sm: 'lg' }}>
        <Stepper active={active} onStepClick={goTo} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t('wizard.step.general')} description={t('wizard.step.general.description')}>
            <Stack gap="md" mt="md">
              <Group grow align="flex-start">
                <Select
                  label={t('wizard.field.company')}
                  data={companyOptions}
                  value={companyId}
                  onChange={(v) => {
                    setCompanyId(v);
                    setRiskId(null);
                    setPartnerId(null);
                  }}
                  searchable
                  required
                  error={errors.companyId}
                />
                <Select label={t('wizard.field.partner')} data={partnerOptions} value={partnerId} onChange={setPartnerId} clearable placeholder={t('wizard.field.partner.none')} error={errors.partnerId} />
              </Group>
              <Group align="flex-end">
                <Select
                  label={t('wizard.field.risk')}
                  data={riskOptions}
                  value={riskId}
                  onChange={setRiskId}
                  searchable
                  required
                  error={errors.riskId}
                  style={{ flex: 1 }}
                  disabled={!companyId}
                />
                <Button variant="light" onClick={() => setNewRiskOpen((o) => !o)} disabled={!companyId}>
                  {t('wizard.field.newRisk')}
                </Button>
              </Group>
              {newRiskOpen && (
                <Paper withBorder p="sm" radius="md">
                  <Stack gap="sm">
                    <Group grow align="flex-start">
                      <TextInput label={t('wizard.field.riskCode')} value={riskCode} onChange={(e) => setRiskCode(e.currentTarget.value.toUpperCase())} />
                      <TextInput label={t('wizard.field.riskLabel')} value={riskLabel} onChange={(e) => setRiskLabel(e.currentTarget.value)} />
                    </Group>
                    {riskError !== null && <ErrorAlert error={riskError} />}
                    <Group>
                      <Button size="xs" onClick={createRisk} disabled={!riskCode.trim() || !riskLabel.trim()}>
                        {t('wizard.field.riskCreate')}
                      </Button>
                    </Group>
                  </Stack>
                </Paper>
              )}
              <Group grow align="flex-start">
                <TextInput
                  label={t('wizard.field.sku')}
                  description={t('wizard.field.sku.description')}
                  value={sku}
                  onChange={(e) => setSku(e.currentTarget.value.toUpperCase())}
                  required
                  error={errors.sku ?? (skuTaken && debouncedSku === sku.trim() ? t('wizard.error.skuTaken') : undefined)}
                  ff="monospace"
                />
                <TextInput label={t('wizard.field.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} />
              </Group>
              {skuHint && (
                <Text size="xs" c={skuChecked ? 'green' : 'dimmed'} mt={-8}>
                  {skuHint}
                </Text>
              )}
              <Group grow align="flex-start">
                <Select
                  label={t('wizard.field.revenueModel')}
                  data={revenueModels.map((m) => ({ value: m, label: label('catalog.revenue', m) }))}
                  value={revenueModel}
                  onChange={(v) => setRevenueModel(v ?? 'revenue')}
                  allowDeselect={false}
                  error={errors.revenueModel}
                />
                <Select
                  label={t('wizard.field.pricingSource')}
                  data={pricingSources.map((m) => ({ value: m, label: label('catalog.source', m) }))}
                  value={pricingSource}
                  onChange={(v) => setPricingSource(v ?? 'internal')}
                  allowDeselect={false}
                  error={errors.pricingSource}
                />
                <MultiSelect
                  label={t('wizard.field.badges')}
                  data={manualBadgeCodes.map((b) => ({ value: b, label: label('catalog.badge', b) }))}
                  description={t('wizard.field.badges.description')}
                  value={badges}
                  onChange={setBadges}
                  clearable
                />
              </Group>
              <Textarea label={t('wizard.field.description')} value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} error={errors.description} />
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('wizard.step.plans')} description={t('wizard.step.plans.description')}>
            <Stack gap="md" mt="md">
              {!needsPlans && <Alert variant="light">{t('wizard.plans.partnerApi')}</Alert>}
              <PlanRowsEditor rows={plans} onChange={setPlans} errors={errors} currency={currency} priceRequired={needsPlans} />
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('wizard.step.commissions')} description={t('wizard.step.commissions.description')}>
            <Stack gap="md" mt="md">
              <CommissionSchemeEditor
                value={schemes}
                onChange={(next) => {
                  setSchemes(next);
                  setSchemeErrors({});
                }}
                plans={plans.filter((p) => p.code.trim()).map((p) => ({ code: p.code.trim(), name: p.name.trim() || p.code.trim() }))}
                revenueModel={revenueModel as (typeof revenueModels)[number]}
                serverErrors={schemeErrors}
                showClientErrors={!!errors.schemes}
              />
              {errors.schemes && (
                <Text size="sm" c="red">
                  {errors.schemes}
                </Text>
              )}
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('wizard.step.documents')} description={t('wizard.step.documents.description')}>
            <Stack gap="md" mt="md">
              <Text size="sm" c="dimmed">
                {t('wizard.documents.intro')}
              </Text>
              {docs.length === 0 && <Text size="sm">{t('wizard.documents.none')}</Text>}
              {docs.map((doc, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
                <Paper key={i} withBorder p="sm" radius="md">
                  <Group align="flex-start" grow>
                    <Select
                      label={t('wizard.documents.type')}
                      data={[...documentTypes]}
                      value={doc.type}
                      onChange={(v) => setDoc(i, { type: v ?? 'CGV' })}
                      allowDeselect={false}
                    />
                    <TextInput label={t('wizard.documents.title')} value={doc.title} onChange={(e) => setDoc(i, { title: e.currentTarget.value })} error={errors[`documents.${i}.title`]} />
                    <FileInput
                      label={t('wizard.documents.file')}
                      placeholder={t('wizard.documents.file.placeholder')}
                      value={doc.file}
                      onChange={(file) => setDoc(i, { file, title: doc.title || (file?.name.replace(/\.[^.]+$/, '') ?? '') })}
                      error={errors[`documents.${i}.file`]}
                      clearable
                    />
                  </Group>
                  <Group justify="space-between" mt="sm">
                    <Checkbox label={t('wizard.documents.mandatory')} checked={doc.mandatory} onChange={(e) => setDoc(i, { mandatory: e.currentTarget.checked })} />
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDocs((list) => list.filter((_, j) => j !== i))}>
                      {t('wizard.plans.remove')}
                    </Button>
                  </Group>
                </Paper>
              ))}
              <Group>
                <Button variant="light" onClick={() => setDocs((list) => [...list, { type: 'CGV', title: '', file: null, mandatory: true }])}>
                  {t('wizard.documents.add')}
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>

          <Stepper.Step label={t('wizard.step.publication')} description={t('wizard.step.publication.description')}>
            <Stack gap="md" mt="md">
              <Checkbox.Group label={t('wizard.publication.channels')} value={selectedChannels} onChange={setSelectedChannels} error={errors.channels}>
                <Group mt="xs">
                  {channels.map((c: Channel) => (
                    <Checkbox key={c} value={c} label={label('catalog.channel', c)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Group grow align="flex-start">
                <Select
                  label={t('wizard.publication.visibility')}
                  data={['hidden', 'internal', 'public'].map((v) => ({ value: v, label: label('wizard.visibility', v) }))}
                  value={visibility}
                  onChange={(v) => setVisibility(v ?? 'public')}
                  allowDeselect={false}
                />
                <TextInput type="date" label={t('wizard.publication.startAt')} value={startDate} onChange={(e) => setStartDate(e.currentTarget.value)} />
              </Group>
              <Group grow align="flex-start">
                <TextInput label={t('wizard.publication.glAccount')} value={glAccount} onChange={(e) => setGlAccount(e.currentTarget.value)} error={errors.glAccount} ff="monospace" />
                {natures.includes('commission') && (
                  <TextInput label={t('wizard.publication.glCommission')} value={glCommission} onChange={(e) => setGlCommission(e.currentTarget.value)} ff="monospace" />
                )}
                <TextInput label={t('wizard.publication.journal')} value={journal} onChange={(e) => setJournal(e.currentTarget.value)} ff="monospace" />
              </Group>
              <Paper withBorder p="sm" radius="md" component="section" aria-label={t('wizard.checklist.title')}>
                <Text fw={600} size="sm">
                  {t('wizard.checklist.title')}
                </Text>
                <Text size="xs" c="dimmed" mb="xs">
                  {t('wizard.checklist.preview')}
                </Text>
                <List size="sm" spacing={4}>
                  {preview.map((item) => (
                    <List.Item key={item.key} c={item.ok ? 'green' : 'red'}>
                      {item.ok ? '✓' : '✗'} {t(item.key)}
                    </List.Item>
                  ))}
                </List>
              </Paper>
              {created?.notReady && (
                <Alert color="orange" title={t('wizard.checklist.server')} role="alert">
                  <Text size="sm" mb="xs">
                    {t('wizard.checklist.notReady')}
                  </Text>
                  <List size="sm">
                    {created.notReady.map((item) => (
                      <List.Item key={item.message} c={item.ok ? 'green' : 'red'}>
                        {item.message}
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
            </Stack>
          </Stepper.Step>
        </Stepper>

        {submitError !== null && (
          <Stack mt="md" gap="xs">
            <ErrorAlert error={submitError} placed={Object.keys(errors)} />
          </Stack>
        )}
        {created && (
          <Anchor component="button" size="sm" mt="sm" display="block" onClick={() => navigate({ to: '/app/catalogue/produits/$productId', params: { productId: created.productId } })}>
            {t('wizard.openProduct')}
          </Anchor>
        )}
        {busy && (
          <Text size="sm" c="dimmed" mt="sm" role="status">
            {t('wizard.creating', { step: busy })}
          </Text>
        )}

        <Group justify="space-between" mt="xl">
          <Button variant="default" onClick={() => setActive((s) => Math.max(0, s - 1))} disabled={active === 0 || !!busy}>
            {t('wizard.back')}
          </Button>
          {active < STEPS - 1 ? (
            <Button onClick={next}>{t('wizard.next')}</Button>
          ) : (
            <Group>
              <Button variant="default" onClick={() => submit(false)} loading={busy !== null} disabled={!!created}>
                {t('wizard.createDraft')}
              </Button>
              <Button onClick={() => submit(true)} loading={busy !== null} disabled={!!created}>
                {t('wizard.createPublish')}
              </Button>
            </Group>
          )}
        </Group>
      </Paper>
    </Stack>
  );
}
