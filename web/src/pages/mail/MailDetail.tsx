import { Box, Center, Code, Divider, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { platformApi, queryKeys } from '../../platformApi.ts';
import { formatRecipients, MailStatusBadge } from './MailStatusBadge.tsx';

function MetaRow({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={56} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-word' }}>
        {value}
      </Text>
    </Group>
  );
}

export function MailDetail({ id }: { id: string }) {
  const t = useT();
  const { lang } = useLang();
  const mail = useQuery({ queryKey: queryKeys.mail(id), queryFn: ({ signal }) => platformApi.mail(id, signal) });

  if (mail.isPending) {
    return (
      <Center py="xl">
        <Loader size="sm" />
      </Center>
    );
  }
  if (mail.isError) return <ErrorAlert error={mail.error} onRetry={() => mail.refetch()} />;

  const m = mail.data;
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <MetaRow label={t('mail.detail.from')} value={m.from} />
        <MetaRow label={t('mail.detail.to')} value={formatRecipients(m.to)} />
        <MetaRow label={t('mail.detail.date')} value={formatDateTime(m.createdAt, lang)} />
        <Group gap="xs" mt={4}>
          <MailStatusBadge status={m.status} />
          <Code>{m.language}</Code>
        </Group>
      </Stack>
      <Divider />
      <Tabs defaultValue={m.html ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html">{t('mail.detail.html')}</Tabs.Tab>
          <Tabs.Tab value="text">{t('mail.detail.text')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="md">
          {m.html ? (
            // sandbox="" strips scripts, forms, navigation and same-origin access:
            // mail HTML is untrusted and must never run with the back-office's cookies.
            <Box
              component="iframe"
              title={t('mail.detail.frameTitle')}
              sandbox=""
              srcDoc={m.html}
              referrerPolicy="no-referrer"
              w="100%"
              h={520}
              bg="white"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-md)' }}
            />
          ) : (
            <Text c="dimmed" size="sm">
              {t('mail.detail.noHtml')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="md">
          {m.text ? (
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {m.text}
            </Code>
          ) : (
            <Text c="dimmed" size="sm">
              {t('mail.detail.noText')}
            </Text>
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
