import { Badge, Group } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type LifecycleStatus, badgeColors, partnersQuery, risksQuery, statusColors } from '../../catalogApi.ts';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

export function StatusBadge({ status }: { status: LifecycleStatus }) {
  const label = useCodeLabel();
  return (
    <Badge color={statusColors[status]} variant="light" style={{ flexShrink: 0, overflow: "visible" }} miw="fit-content">
      {label('catalog.status', status)}
    </Badge>
  );
}

export function ProductBadges({ badges }: { badges: string[] }) {
  const label = useCodeLabel();
  if (badges.length === 0) return null;
  return (
    <Group gap={4}>
      {badges.map((badge) => (
        <Badge key={badge} size="xs" color={badgeColors[badge] ?? 'gray'} variant="filled">
          {label('catalog.badge', badge)}
        </Badge>
      ))}
    </Group>
  );
}

/** Risk and partner names by id, for tables and summaries. */
export function useCatalogNames() {
  const risks = useQuery(risksQuery);
  const partners = useQuery(partnersQuery);
  return useMemo(() => {
    const riskById = new Map((risks.data?.items ?? []).map((r) => [r.id, r]));
    const partnerById = new Map((partners.data?.items ?? []).map((p) => [p.id, p]));
    return {
      risks: risks.data?.items ?? [],
      partners: partners.data?.items ?? [],
      riskLabel: (id: string) => riskById.get(id)?.label ?? id,
      partnerName: (id: string | null) => (id ? (partnerById.get(id)?.name ?? id) : null),
    };
  }, [risks.data, partners.data]);
}
