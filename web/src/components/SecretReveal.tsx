import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useLang, useT } from '../i18n/I18nProvider.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { downloadText } from './download.ts';

/** A copy-to-clipboard button whose label confirms the copy. */
export function CopyTextButton({ value, label, size = 'xs' }: { value: string; label?: string; size?: 'xs' | 'sm' }) {
  const t = useT();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button size={size} variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy}>
          {copied ? t('common.copied') : (label ?? t('common.copy'))}
        </Button>
      )}
    </CopyButton>
  );
}

/**
 * A secret the server shows exactly once (an API key). The dialog cannot be dismissed
 * by a stray click or Escape: closing it is a deliberate act.
 */
export function SecretOnceModal({ secret, title, onClose }: { secret: string | null; title: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={<Text fw={600}>{title}</Text>}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      size="lg"
      centered
    >
      {secret !== null && (
        <Stack gap="md">
          <Alert color="orange" variant="light" title={t('secret.warning.title')}>
            <Text size="sm">{t('secret.warning')}</Text>
          </Alert>
          <Code block fz="sm" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="secret-value">
            {secret}
          </Code>
          <Group justify="space-between">
            <CopyTextButton value={secret} size="sm" />
            <Button onClick={onClose}>{t('secret.done')}</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/**
 * Freshly issued recovery codes, shown once. Copy, download as .txt, and an explicit
 * "I have kept them" before the dialog may close.
 */
export function RecoveryCodesModal({ codes, account, onClose }: { codes: string[] | null; account: string; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const [kept, setKept] = useState(false);
  const text = codes ? codes.join('\n') : '';

  const close = () => {
    setKept(false);
    onClose();
  };

  const download = () => {
    const header = [
      t('recovery.file.title'),
      t('recovery.file.account', { account }),
      t('recovery.file.date', { date: formatDateTime(new Date().toISOString(), lang) }),
      t('recovery.file.notice'),
      '',
    ];
    downloadText('comptoir-codes-de-secours.txt', `${[...header, text].join('\n')}\n`);
  };

  return (
    <Modal
      opened={codes !== null}
      onClose={close}
      title={<Text fw={600}>{t('recovery.title')}</Text>}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      size="lg"
      centered
    >
      {codes && (
        <Stack gap="md">
          <Alert color="orange" variant="light">
            <Text size="sm">{t('recovery.warning')}</Text>
          </Alert>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
            {codes.map((code) => (
              <Code key={code} fz="md" ta="center" py={6} style={{ letterSpacing: '0.05em' }}>
                {code}
              </Code>
            ))}
          </SimpleGrid>
          <Group gap="xs">
            <CopyTextButton value={text} label={t('recovery.copyAll')} size="sm" />
            <Button size="sm" variant="light" onClick={download}>
              {t('recovery.download')}
            </Button>
          </Group>
          <Checkbox label={t('recovery.kept')} checked={kept} onChange={(event) => setKept(event.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button onClick={close} disabled={!kept}>
              {t('recovery.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
