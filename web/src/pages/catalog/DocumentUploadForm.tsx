import { Button, Checkbox, FileInput, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogApi, catalogKeys, documentTypes } from '../../catalogApi.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessages, fieldErrorsOf } from '../../components/formErrors.tsx';
import { readBase64 } from '../../components/readBase64.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

/** Attaches a document (stored by SHA-256, published at once) to a version that may still change. */
export function DocumentUploadForm({ versionId }: { versionId: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [type, setType] = useState<string>('CGV');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [mandatory, setMandatory] = useState(true);
  const [checked, setChecked] = useState(false);
  const upload = useMutation({
    mutationFn: async (chosen: File) =>
      catalogApi.addDocument(versionId, {
        type,
        title: title.trim(),
        fileName: chosen.name,
        contentType: chosen.type || 'application/octet-stream',
        contentBase64: await readBase64(chosen),
        mandatory,
        publish: true,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: catalogKeys.version(versionId) });
      setTitle('');
      setFile(null);
      setChecked(false);
    },
  });
  const server = fieldErrorsOf(upload.error);
  const titleError = checked && !title.trim() ? t('wizard.error.required') : errorMessages(server.title);
  const fileError = checked && !file ? t('wizard.error.file') : errorMessages([...(server.contentBase64 ?? []), ...(server.fileName ?? []), ...(server.contentType ?? [])]);
  const submit = () => {
    setChecked(true);
    if (file && title.trim()) upload.mutate(file);
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
        aria-label={t('product.documents.add')}
      >
        <Stack gap="sm">
          <Title order={3} fz="h5">
            {t('product.documents.add')}
          </Title>
          <Group grow align="flex-start">
            <Select label={t('wizard.documents.type')} data={[...documentTypes]} value={type} onChange={(v) => setType(v ?? 'CGV')} allowDeselect={false} error={errorMessages(server.type)} />
            <TextInput label={t('wizard.documents.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} required error={titleError} />
            <FileInput
              label={t('wizard.documents.file')}
              placeholder={t('wizard.documents.file.placeholder')}
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                if (chosen && !title.trim()) setTitle(chosen.name.replace(/\.[^.]+$/, ''));
              }}
              required
              clearable
              error={fileError}
            />
          </Group>
          <Group justify="space-between">
            <Checkbox label={t('wizard.documents.mandatory')} checked={mandatory} onChange={(e) => setMandatory(e.currentTarget.checked)} />
            <Button type="submit" loading={upload.isPending}>
              {t('product.documents.upload')}
            </Button>
          </Group>
          {upload.isError && <ErrorAlert error={upload.error} placed={['type', 'title', 'contentBase64', 'fileName', 'contentType']} />}
        </Stack>
      </form>
    </Paper>
  );
}
