import { Alert, Anchor, Badge, Button, Code, Group, JsonInput, List, Paper, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { SectionCard } from '../../../components/SectionCard.tsx';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { type JourneyDetail, journeyQuery, journeysAdminApi } from '../../../journeysAdminApi.ts';
import { usePermission } from '../../../session.ts';
import { CopyLinkButton } from '../../payments/paymentsUi.tsx';
import { InviteProspectModal } from './InviteProspectModal.tsx';
import { JourneysTabs } from './journeysUi.tsx';
import { QueryFallback } from '../../../components/QueryFallback.tsx';

/** `body.steps.0.form` → `steps.0.form`: where the fault is inside the definition. */
export function definitionPath(field: string): string {
  const path = field.replace(/^body\.?/, '');
  return path || '(racine)';
}

function DefinitionEditor({ journey }: { journey: JourneyDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const canWrite = usePermission('sales.write');
  const [text, setText] = useState(() => JSON.stringify(journey.definition, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (definition: unknown) => journeysAdminApi.saveDefinition(journey.id, definition),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['journeys'] });
      notifications.show({ color: 'teal', message: t('journeys.config.saved', { version: result.version }) });
    },
  });
  const fieldErrors = save.error instanceof ApiError ? save.error.errors : [];

  const submit = () => {
    let definition: unknown;
    try {
      definition = JSON.parse(text);
    } catch (error) {
      setParseError(error instanceof Error ? error.message : String(error));
      return;
    }
    setParseError(null);
    save.mutate(definition);
  };

  return (
    <SectionCard
      title={t('journeys.config.definition')}
      description={t('journeys.config.definition.description', { version: journey.version })}
      actions={
        canWrite && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setText(JSON.stringify(journey.definition, null, 2))} disabled={save.isPending}>
              {t('journeys.config.revert')}
            </Button>
            <Button onClick={submit} loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="sm">
        {parseError && (
          <Alert color="red" variant="light" title={t('journeys.config.invalidJson')} data-testid="definition-errors">
            <Text size="sm">{parseError}</Text>
          </Alert>
        )}
        {fieldErrors.length > 0 && (
          <Alert color="red" variant="light" title={save.error instanceof ApiError ? (save.error.detail ?? save.error.title) : undefined} data-testid="definition-errors">
            <List size="sm" spacing={4}>
              {fieldErrors.map((error) => (
                <List.Item key={`${error.field}:${error.message}`}>
                  <Code>{definitionPath(error.field)}</Code> — {error.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {save.isError && fieldErrors.length === 0 && <ErrorAlert error={save.error} />}
        <JsonInput
          aria-label={t('journeys.config.definition')}
          value={text}
          onChange={setText}
          validationError={t('journeys.config.invalidJson')}
          formatOnBlur
          autosize
          minRows={16}
          maxRows={40}
          readOnly={!canWrite}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        />
      </Stack>
    </SectionCard>
  );
}

function Settings({ journey }: { journey: JourneyDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const canWrite = usePermission('sales.write');
  const [name, setName] = useState(journey.name);
  const patch = useMutation({
    mutationFn: (input: { active?: boolean; name?: string }) => journeysAdminApi.patchJourney(journey.id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['journeys'] }),
  });
  const startUrl = `${window.location.origin}${journey.publicUrl}`;
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput label={t('journeys.config.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} w={360} readOnly={!canWrite} maxLength={120} />
          {canWrite && (
            <Button variant="light" onClick={() => patch.mutate({ name: name.trim() })} disabled={!name.trim() || name.trim() === journey.name} loading={patch.isPending && patch.variables?.name !== undefined}>
              {t('journeys.config.rename')}
            </Button>
          )}
          <Switch
            label={t('journeys.config.active')}
            description={t('journeys.config.active.description')}
            checked={journey.active}
            disabled={!canWrite || patch.isPending}
            onChange={(e) => patch.mutate({ active: e.currentTarget.checked })}
            ml="md"
          />
        </Group>
        {patch.isError && <ErrorAlert error={patch.error} />}
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
            {t('journeys.config.startUrl')}
          </Text>
          <Code data-testid="start-url" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {startUrl}
          </Code>
          <CopyLinkButton value={startUrl} />
        </Group>
        <RetentionSummary definition={journey.definition} />
      </Stack>
    </Paper>
  );
}

/** When a prospect counts as abandoned, and how long their data is kept after that (set in the definition). */
function RetentionSummary({ definition }: { definition: Record<string, unknown> }) {
  const t = useT();
  const hours = typeof definition.abandonAfterHours === 'number' ? definition.abandonAfterHours : 72;
  const days = typeof definition.eraseAbandonedAfterDays === 'number' ? definition.eraseAbandonedAfterDays : null;
  return (
    <Text size="sm" c="dimmed" data-testid="journey-retention">
      {t('journeys.config.abandonAfter', { hours })} {days === null ? t('journeys.config.retention.none') : t('journeys.config.retention.days', { days })}
    </Text>
  );
}

/** /app/parcours/$journeyId — a journey's configuration: name, open/closed, start link, definition, invitations. */
export function JourneyConfigPage({ journeyId }: { journeyId: string }) {
  const t = useT();
  const navigate = useNavigate();
  const canWrite = usePermission('sales.write');
  const journey = useQuery(journeyQuery(journeyId));
  const [inviting, setInviting] = useState(false);
  usePageTitle(journey.data?.name ?? t('journeys.config'));

  if (journey.isPending || journey.isError) return <QueryFallback query={journey} />;
  const data = journey.data;

  return (
    <Stack gap="lg" maw={1200}>
      <Anchor
        size="sm"
        href="/app/parcours"
        onClick={(event) => {
          event.preventDefault();
          void navigate({ to: '/app/parcours', search: { parcours: journeyId } });
        }}
      >
        ← {t('journeys.heading')}
      </Anchor>
      <PageHeader
        title={data.name}
        description={t('journeys.config.description')}
        actions={
          <Group gap="xs">
            <Badge color={data.active ? 'green' : 'gray'} variant="light" size="lg">
              {t(data.active ? 'journeys.active' : 'journeys.inactive')}
            </Badge>
            <Badge color="gray" variant="outline" size="lg">
              {t('journeys.version', { version: data.version })}
            </Badge>
            {canWrite && <Button onClick={() => setInviting(true)}>{t('journeys.invite')}</Button>}
          </Group>
        }
      />
      <JourneysTabs />
      <Settings key={`${data.id}:${data.name}`} journey={data} />
      <DefinitionEditor key={`${data.id}:${data.version}`} journey={data} />
      {inviting && <InviteProspectModal journeyId={journeyId} onClose={() => setInviting(false)} />}
    </Stack>
  );
}
