import { Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { BrandMark } from './BrandMark.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The card on a soft gradient used by every page reachable without a session (sign-in, password reset…). */
export function PublicCard({ heading, description, children }: { heading: string; description?: string; children: ReactNode }) {
  return (
    <Box
      mih="100vh"
      style={{
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, var(--mantine-color-petrole-1) 0%, var(--mantine-color-gray-0) 60%)',
      }}
    >
      <Center style={{ flex: 1 }} px="md" py="xl">
        <Paper withBorder shadow="md" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={430}>
          <Stack gap="lg">
            <Stack gap="md">
              <Group justify="space-between" align="center" wrap="nowrap">
                <BrandMark size="lg" />
                <LanguageSwitch />
              </Group>
              <div>
                <Title order={1} fz="h3">
                  {heading}
                </Title>
                {description && (
                  <Text c="dimmed" size="sm" mt={4}>
                    {description}
                  </Text>
                )}
              </div>
            </Stack>
            {children}
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
