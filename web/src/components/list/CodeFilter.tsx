import { Select } from '@mantine/core';
import { useCodeLabel } from '../../i18n/useCodeLabel.ts';

/** Filters a list by one of the API's codes (a status, a kind), each shown translated (`${prefix}.${code}`). */
export function CodeFilter<C extends string>({
  label,
  prefix,
  codes,
  value,
  onChange,
  placeholder,
  w,
}: {
  label: string;
  prefix: string;
  codes: readonly C[];
  value: C | null;
  onChange: (code: C | null) => void;
  placeholder: string;
  w: number;
}) {
  const codeLabel = useCodeLabel();
  return <Select label={label} data={codes.map((c) => ({ value: c, label: codeLabel(prefix, c) }))} value={value} onChange={(v) => onChange(v as C | null)} clearable placeholder={placeholder} w={w} />;
}
