import { Select } from '@mantine/core';
import { useCompanyOptions } from '../../session.ts';

/** Filters a list by company; absent for people who cannot read companies (the API scopes their rows anyway). */
export function CompanyFilter({ value, onChange, label, placeholder, w }: { value: string | null; onChange: (id: string | null) => void; label: string; placeholder: string; w: number }) {
  const { options } = useCompanyOptions();
  if (options.length === 0) return null;
  return <Select label={label} data={options} value={value} onChange={onChange} clearable placeholder={placeholder} w={w} />;
}
