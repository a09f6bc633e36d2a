import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Asks before a destructive or hard-to-undo action; the request's error stays inside the dialog. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  error,
  color = 'red',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  error?: unknown;
  color?: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>{title}</Text>} centered>
      <Stack gap="md">
        {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={loading}>
            {t('common.cancel')}
          </Button>
          <Button color={color} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
