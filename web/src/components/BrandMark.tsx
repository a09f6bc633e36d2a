import { Group, Text, ThemeIcon } from '@mantine/core';
import { useT } from '../i18n/I18nProvider.tsx';

/** The Comptoir wordmark: a rounded "C" tile plus the name. No image asset needed. */
export function BrandMark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const t = useT();
  const tile = size === 'lg' ? 40 : 30;
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size={tile} radius="md" variant="filled" aria-hidden>
        <Text fw={800} fz={tile * 0.55} lh={1} c="white">
          C
        </Text>
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 26 : 19} lh={1} c="petrole.8">
        {t('app.name')}
      </Text>
    </Group>
  );
}
