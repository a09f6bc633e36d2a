import { Select } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useT } from '../i18n/I18nProvider.tsx';
import { platformApi, queryKeys } from '../platformApi.ts';

/**
 * Lists the workspaces the platform exposes. While that endpoint is missing, failing
 * or empty, the switcher simply is not shown: nothing to pick is better than an error
 * in the header. The choice is remembered locally only; the server has no
 * "current workspace" contract yet.
 */
export function WorkspaceSwitcher({ fullWidth = false }: { fullWidth?: boolean }) {
  const t = useT();
  const [selected, setSelected] = useLocalStorage<string | null>({ key: 'comptoir.workspace', defaultValue: null });
  const { data } = useQuery({
    queryKey: queryKeys.workspaces,
    queryFn: ({ signal }) => platformApi.workspaces(signal),
    retry: false,
    staleTime: 5 * 60_000,
  });

  const items = Array.isArray(data?.items) ? data.items : [];
  if (items.length === 0) return null;

  const value = items.some((w) => w.slug === selected) ? selected : (items[0]?.slug ?? null);
  return (
    <Select
      size="xs"
      w={fullWidth ? '100%' : 220}
      aria-label={t('shell.workspace')}
      placeholder={t('shell.workspace.placeholder')}
      data={items.map((w) => ({ value: w.slug, label: w.name }))}
      value={value}
      onChange={setSelected}
      allowDeselect={false}
      searchable={items.length > 8}
      disabled={items.length < 2}
    />
  );
}
