import { Alert, Button, Code, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrorsByName } from '../../../api.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { journeysAdminApi } from '../../../journeysAdminApi.ts';
import { CopyLinkButton } from '../../payments/paymentsUi.tsx';

/** An advisor invites a prospect (optionally with the « Mandat offert »), then hands them their personal link. */
export function InviteProspectModal({ journeyId, onClose }: { journeyId: string; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [offered, setOffered] = useState(false);
  const [source, setSource] = useState('conseiller');
  const invite = useMutation({
    mutationFn: () => journeysAdminApi.invite(journeyId, { offered, source: source.trim() || undefined }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['prospects'] }), queryClient.invalidateQueries({ queryKey: ['journeys'] })]),
  });
  const link = invite.data ? new URL(invite.data.url, window.location.origin).toString() : null;
  const fieldErrors = invite.error && 'errors' in invite.error ? fieldErrorsByName((invite.error as { errors: { field: string; message: string }[] }).errors) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };

  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{t('journeys.invite.title')}</Text>} centered>
      {link ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" title={t('journeys.invite.done')}>
            <Text size="sm">{t(offered ? 'journeys.invite.done.offered' : 'journeys.invite.done.description')}</Text>
          </Alert>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }} data-testid="invitation-link">
              {link}
            </Code>
            <CopyLinkButton value={link} />
          </Group>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('journeys.invite.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('journeys.invite.description')}
            </Text>
            <Switch label={t('journeys.invite.offered')} description={t('journeys.invite.offered.description')} checked={offered} onChange={(e) => setOffered(e.currentTarget.checked)} />
            <TextInput label={t('journeys.invite.source')} value={source} onChange={(e) => setSource(e.currentTarget.value)} maxLength={60} error={fieldErrors.source} />
            {invite.isError && !fieldErrors.source && <ErrorAlert error={invite.error} />}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose} disabled={invite.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={invite.isPending}>
                {t('journeys.invite.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
