import { Badge, Box, Paper, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties, ReactNode } from 'react';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePermissionLabel } from '../../components/permissionLabel.ts';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { rolesQuery } from '../../identityApi.ts';
import { QueryFallback } from '../../components/QueryFallback.tsx';

// The first column stays visible while scrolling sideways through the roles.
const stickyColumn: CSSProperties = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--mantine-color-body)',
  boxShadow: 'inset -1px 0 0 var(--mantine-color-gray-3)',
};

/** /app/roles — who may do what: the role × permission matrix, read from the server. */
export function RolesPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('roles.heading'));
  const roles = useQuery(rolesQuery);

  const permissionLabel = usePermissionLabel();

  let body: ReactNode;
  if (roles.isPending || roles.isError) {
    body = <QueryFallback query={roles} />;
  } else {
    const { roles: list, permissions, mfaRequiredByDefault } = roles.data;
    const granted = new Map(list.map((r) => [r.role, new Set(r.permissions)]));
    body = (
      <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
        {/* A bounded scroll box: the sticky header and first column stick inside it. */}
        <Box style={{ overflow: 'auto', maxHeight: 'calc(100dvh - 220px)' }}>
          <Table stickyHeader verticalSpacing={6} horizontalSpacing="sm" highlightOnHover withColumnBorders style={{ minWidth: 320 + list.length * 96 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ ...stickyColumn, zIndex: 3 }} miw={260}>
                  {t('roles.col.permission')}
                </Table.Th>
                {list.map((role) => (
                  <Table.Th key={role.role} ta="center" w={96} style={{ verticalAlign: 'bottom' }}>
                    <Stack gap={4} align="center">
                      <Text size="xs" fw={700} lh={1.2}>
                        {role.label[lang] ?? role.role}
                      </Text>
                      {mfaRequiredByDefault.includes(role.role) && (
                        <Tooltip label={t('roles.mfaByDefault')} withArrow>
                          <Badge size="xs" variant="light" color="orange">
                            {t('roles.mfaBadge')}
                          </Badge>
                        </Tooltip>
                      )}
                    </Stack>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {permissions.map((permission) => (
                <Table.Tr key={permission}>
                  <Table.Th scope="row" style={stickyColumn} fw={400}>
                    <Text size="sm">{permissionLabel(permission)}</Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {permission}
                    </Text>
                  </Table.Th>
                  {list.map((role) =>
                    granted.get(role.role)?.has(permission) ? (
                      <Table.Td key={role.role} ta="center" bg="teal.0">
                        <Text span c="teal.8" fw={700} aria-hidden="true">
                          ✓
                        </Text>
                        <VisuallyHidden>{t('roles.granted')}</VisuallyHidden>
                      </Table.Td>
                    ) : (
                      <Table.Td key={role.role} ta="center">
                        <Text span c="gray.4" aria-hidden="true">
                          ·
                        </Text>
                        <VisuallyHidden>{t('roles.notGranted')}</VisuallyHidden>
                      </Table.Td>
                    ),
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      </Paper>
    );
  }

  return (
    <Stack gap="lg">
      <PageHeader title={t('roles.heading')} description={t('roles.intro')} />
      {body}
    </Stack>
  );
}
