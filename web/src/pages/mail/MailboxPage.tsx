import { Button, Drawer, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { QueryTable } from '../../components/QueryTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type MailSummary, platformApi, queryKeys } from '../../platformApi.ts';
import { MailDetail } from './MailDetail.tsx';
import { formatRecipients, MailStatusBadge } from './MailStatusBadge.tsx';

export function MailboxPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('mail.heading'));
  const [selected, setSelected] = useState<MailSummary | null>(null);
  const list = useQuery({ queryKey: queryKeys.mailList, queryFn: ({ signal }) => platformApi.mailList(signal) });
  const items = list.data?.items ?? [];

  const body = (
    <QueryTable
      query={list}
      isEmpty={items.length === 0}
      empty={{ title: t('mail.empty'), description: t('mail.empty.description') }}
      minWidth={760}
      head={
        <>
          <Table.Th w={150}>{t('mail.col.date')}</Table.Th>
          <Table.Th>{t('mail.col.to')}</Table.Th>
          <Table.Th>{t('mail.col.subject')}</Table.Th>
          <Table.Th w={130}>{t('mail.col.status')}</Table.Th>
          <Table.Th w={80}>{t('mail.col.language')}</Table.Th>
        </>
      }
      footer={
        <Text size="xs" c="dimmed">
          {t('mail.count', { shown: items.length, total: list.data?.total ?? items.length })}
        </Text>
      }
    >
      {items.map((m) => (
        // The whole row is clickable for the mouse; the subject button covers keyboards.
        <Table.Tr key={m.id} onClick={() => setSelected(m)} style={{ cursor: 'pointer' }}>
          <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(m.createdAt, lang)}
          </Table.Td>
          <Table.Td>{formatRecipients(m.to)}</Table.Td>
          <Table.Td>
            <UnstyledButton fw={500} fz="sm" onClick={() => setSelected(m)}>
              {m.subject || t('mail.noSubject')}
            </UnstyledButton>
          </Table.Td>
          <Table.Td>
            <MailStatusBadge status={m.status} />
          </Table.Td>
          <Table.Td tt="uppercase" c="dimmed">
            {m.language}
          </Table.Td>
        </Table.Tr>
      ))}
    </QueryTable>
  );

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader
        title={t('mail.heading')}
        description={t('mail.intro')}
        actions={
          <Button variant="default" size="xs" onClick={() => list.refetch()} loading={list.isFetching && !list.isPending}>
            {t('mail.refresh')}
          </Button>
        }
      />
      {body}
      <Drawer
        opened={selected !== null}
        onClose={() => setSelected(null)}
        position="right"
        size="xl"
        title={<Text fw={600}>{selected ? selected.subject || t('mail.noSubject') : ''}</Text>}
      >
        {selected && <MailDetail id={selected.id} />}
      </Drawer>
    </Stack>
  );
}
