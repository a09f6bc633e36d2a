import { Button, Group, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** The band of filters above a list, with « clear filters » once one is set. */
export function FilterBar({ active, onReset, resetLabel, children }: { active: boolean; onReset: () => void; resetLabel: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Group gap="sm" align="flex-end" wrap="wrap">
        {children}
        {active && (
          <Button variant="subtle" onClick={onReset}>
            {resetLabel}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
