import { Badge, Code, Table, Text } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/fr.ts';
import { type Change, diffRecords, hasKey } from './auditDiff.ts';

const styles: Record<Change, { bg?: string; label?: MessageKey; color?: string }> = {
  added: { bg: 'teal.0', label: 'audit.diff.added', color: 'teal' },
  removed: { bg: 'red.0', label: 'audit.diff.removed', color: 'red' },
  changed: { bg: 'yellow.0', label: 'audit.diff.changed', color: 'yellow' },
  same: {},
};

function Value({ value, present }: { value: unknown; present: boolean }) {
  if (!present) {
    return (
      <Text size="xs" c="dimmed">
        —
      </Text>
    );
  }
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return (
    <Code block fz="xs" bg="transparent" p={0} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {text}
    </Code>
  );
}

export function AuditDiff({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const t = useT();
  const rows = diffRecords(before, after);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.diff.empty')}
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} horizontalSpacing="xs" layout="fixed" fz="xs" bg="var(--mantine-color-body)">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">{t('audit.diff.field')}</Table.Th>
          <Table.Th>{t('audit.diff.before')}</Table.Th>
          <Table.Th>{t('audit.diff.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => {
          const style = styles[row.change];
          return (
            <Table.Tr key={row.key} bg={style.bg}>
              <Table.Td>
                <Text size="xs" ff="monospace" fw={row.change === 'same' ? 400 : 700} style={{ wordBreak: 'break-all' }}>
                  {row.key}
                </Text>
                {style.label && (
                  <Badge size="xs" variant="light" color={style.color} tt="none" mt={2}>
                    {t(style.label)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Value value={row.before} present={hasKey(before, row.key)} />
              </Table.Td>
              <Table.Td>
                <Value value={row.after} present={hasKey(after, row.key)} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
