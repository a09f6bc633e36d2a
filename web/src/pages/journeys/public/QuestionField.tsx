import { Checkbox, Group, NumberInput, Radio, Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { FormField } from '../../../journeysApi.ts';

/** One questionnaire field as a Mantine input; the value is the JSON the server validates (strings, integers, lists). */
export function QuestionField({ field, value, error, onChange }: { field: FormField; value: unknown; error?: string; onChange: (value: unknown) => void }) {
  const common = { label: field.label, description: field.help, withAsterisk: field.required, error, name: field.id };
  switch (field.type) {
    case 'text':
    case 'email':
    case 'phone':
      return (
        <TextInput
          {...common}
          type={field.type === 'phone' ? 'tel' : field.type}
          autoComplete={autocomplete(field.id)}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
        />
      );
    case 'date':
      return <TextInput {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)} />;
    case 'textarea':
      return <Textarea {...common} autosize minRows={3} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)} />;
    case 'integer':
    case 'money':
      return (
        <NumberInput
          {...common}
          allowDecimal={false}
          allowNegative={false}
          min={field.min}
          max={field.max}
          thousandSeparator="’"
          prefix={field.type === 'money' ? 'CHF ' : undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        />
      );
    case 'select':
      return <Select {...common} data={field.options ?? []} value={typeof value === 'string' ? value : null} onChange={(next) => onChange(next)} clearable={!field.required} />;
    case 'radio':
      return (
        <Radio.Group {...common} value={typeof value === 'string' ? value : ''} onChange={(next) => onChange(next)}>
          <Group mt="xs">
            {(field.options ?? []).map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Radio.Group>
      );
    case 'multiselect':
      return (
        <Checkbox.Group {...common} value={Array.isArray(value) ? (value as string[]) : []} onChange={(next) => onChange(next.length ? next : null)}>
          <Stack gap={6} mt="xs">
            {(field.options ?? []).map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'checkbox':
      return <Checkbox label={field.label} error={error} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
  }
}

function autocomplete(id: string): string | undefined {
  return ({ first_name: 'given-name', last_name: 'family-name', email: 'email', phone: 'tel', address: 'street-address', postcode: 'postal-code', city: 'address-level2' } as Record<string, string>)[id];
}
