import { Alert, Button, Checkbox, Divider, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../../api.ts';
import { describeError } from '../../../errors.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { type Answers, conditionHolds, journeyKeys, journeysApi, type ProspectView } from '../../../journeysApi.ts';
import { QuestionField } from './QuestionField.tsx';

const AUTOSAVE_MS = 700;

/** Field errors of a failed save or submit, by field id (`body.answers.email` / `answers.email` → `email`). */
function errorsByField(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const map: Record<string, string> = {};
  for (const e of error.errors) {
    map[e.field.replace(/^(body\.)?answers\./, '')] = e.message;
  }
  return map;
}

/**
 * The questionnaire: saved as the prospect types (debounced; a wrong value comes back with its message and is not
 * saved), resumable from the same link, sections and fields shown by their conditions, then the explicit consent and
 * « Envoyer », which prices the mandate from the catalog.
 */
export function QuestionnaireStep({ token, view, children }: { token: string; view: ProspectView; children?: React.ReactNode }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Answers>(view.answers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState(false);
  const [saveState, setSaveState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
  const pending = useRef<Answers>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = async () => {
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0) return;
    setSaveState('saving');
    try {
      await journeysApi.saveAnswers(token, patch);
      setSaveState('saved');
      setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !(key in patch))));
    } catch (error) {
      setSaveState('error');
      setErrors((current) => ({ ...current, ...errorsByField(error) }));
    }
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const change = (id: string, value: unknown) => {
    setAnswers((current) => {
      const next = { ...current };
      if (value === null) delete next[id];
      else next[id] = value;
      return next;
    });
    pending.current[id] = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  };

  const sections = view.form.sections.filter((s) => conditionHolds(s.visibleIf, answers));
  const required = useMemo(() => sections.flatMap((s) => s.fields.filter((f) => f.required && conditionHolds(f.visibleIf, answers))), [sections, answers]);
  const answered = required.filter((f) => {
    const v = answers[f.id];
    return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  }).length;
  const completion = required.length ? Math.floor((answered * 100) / required.length) : 100;

  const submit = useMutation({
    mutationFn: async () => {
      clearTimeout(timer.current);
      await flush();
      return journeysApi.submit(token, { accepted: consent, version: view.form.consent.version });
    },
    onSuccess: (next) => queryClient.setQueryData(journeyKeys.prospect(token), next),
    onError: (error) => setErrors(errorsByField(error)),
  });
  const resume = useMutation({ mutationFn: async () => {
    clearTimeout(timer.current);
    await flush();
    return journeysApi.resumeLink(token);
  } });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text fw={600}>{t('journey.questionnaire.progress', { percent: completion })}</Text>
          <Text size="xs" c={saveState === 'error' ? 'red' : 'dimmed'} aria-live="polite" data-testid="autosave-state">
            {saveState === 'saving' ? t('journey.autosave.saving') : saveState === 'saved' ? t('journey.autosave.saved') : saveState === 'error' ? t('journey.autosave.error') : ''}
          </Text>
        </Group>
        <Progress value={completion} aria-label={t('journey.questionnaire.progress', { percent: completion })} />
      </Stack>
      {sections.map((section) => (
        <Stack key={section.id} gap="sm">
          <Title order={2} fz="h4">
            {section.title}
          </Title>
          {section.description && (
            <Text size="sm" c="dimmed">
              {section.description}
            </Text>
          )}
          {section.fields
            .filter((field) => conditionHolds(field.visibleIf, answers))
            .map((field) => (
              <QuestionField key={field.id} field={field} value={answers[field.id]} error={errors[field.id]} onChange={(value) => change(field.id, value)} />
            ))}
        </Stack>
      ))}
      {children}
      <Divider />
      <Checkbox
        checked={consent}
        onChange={(event) => setConsent(event.currentTarget.checked)}
        label={view.form.consent.text}
        error={errors['body.consent.accepted'] ? t('journey.consent.required') : undefined}
        name="consent"
      />
      {submit.isError && (
        <Alert color="red" variant="light" role="alert">
          {describeError(submit.error, t)}
        </Alert>
      )}
      {resume.isSuccess && (
        <Alert color="green" variant="light">
          {t('journey.resume.sent')}
        </Alert>
      )}
      <Group justify="space-between">
        <Button variant="subtle" onClick={() => resume.mutate()} loading={resume.isPending} disabled={!answers.email}>
          {t('journey.resume.cta')}
        </Button>
        <Button size="md" onClick={() => submit.mutate()} loading={submit.isPending} disabled={!consent}>
          {t('journey.questionnaire.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
