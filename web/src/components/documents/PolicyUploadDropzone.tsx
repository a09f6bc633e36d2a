import { Alert, Anchor, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { uploadPolicyQuery } from '../../documentsApi.ts';
import { describeError } from '../../errors.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

export interface PolicyUploadDropzoneProps {
  /** Sends the file; report progress (0–1) through the second argument when you can. */
  onUpload: (file: File, onProgress: (fraction: number) => void) => Promise<unknown>;
  /** For the file picker, e.g. `application/pdf,image/png,image/jpeg`. */
  accept: string;
  disabled?: boolean;
  /** Called after a successful upload, with the file's name. */
  onDone?: (filename: string, result: unknown) => void;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1).replace('.', ',')} Mo`;
}

/**
 * Drop or pick a policy (PDF or photo): shows the upload's progress, then the server's own message — in French — when
 * it refuses the file (type, size, HEIC…). Used by the public journey and the back-office. The size limit is the
 * server's (UPLOAD_MAX_MB): a larger file is refused before it is sent, and the server checks again.
 */
export function PolicyUploadDropzone({ onUpload, accept, disabled = false, onDone }: PolicyUploadDropzoneProps) {
  const t = useT();
  const maxSize = useQuery(uploadPolicyQuery).data?.maxBytes;
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [hover, setHover] = useState(false);

  const send = async (file: File | undefined) => {
    if (!file || disabled) return;
    setError(null);
    setDone(null);
    if (maxSize !== undefined && file.size > maxSize) {
      setError(t('documents.upload.tooBig', { name: file.name, max: megabytes(maxSize) }));
      return;
    }
    setProgress(0);
    try {
      const result = await onUpload(file, setProgress);
      const duplicate = !!result && typeof result === 'object' && (result as { duplicate?: boolean }).duplicate === true;
      setDone(t(duplicate ? 'documents.upload.duplicate' : 'documents.upload.done', { name: file.name }));
      onDone?.(file.name, result);
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setHover(false);
    void send(event.dataTransfer.files[0]);
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="lg"
        data-testid="policy-dropzone"
        style={{ borderStyle: 'dashed', borderColor: hover ? 'var(--mantine-color-blue-5)' : undefined, opacity: disabled ? 0.6 : 1 }}
        onDragOver={(event: DragEvent) => {
          event.preventDefault();
          setHover(true);
        }}
        onDragLeave={() => setHover(false)}
        onDrop={onDrop}
      >
        <Group gap={6} justify="center">
          <Text size="sm">{maxSize === undefined ? t('documents.upload.dropAnySize') : t('documents.upload.drop', { max: megabytes(maxSize) })}</Text>
          <Anchor component="button" type="button" size="sm" onClick={() => input.current?.click()} disabled={disabled}>
            {t('documents.upload.browse')}
          </Anchor>
        </Group>
        <input ref={input} type="file" accept={accept} hidden data-testid="policy-file-input" onChange={(e) => void send(e.currentTarget.files?.[0])} />
      </Paper>
      {progress !== null && (
        <Stack gap={4}>
          <Progress value={Math.round(progress * 100)} animated aria-label={t('documents.upload.progress', { percent: Math.round(progress * 100) })} />
          <Text size="xs" c="dimmed">
            {t('documents.upload.progress', { percent: Math.round(progress * 100) })}
          </Text>
        </Stack>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" data-testid="upload-error">
          {error}
        </Alert>
      )}
      {done && (
        <Text size="sm" c="green" role="status">
          {done}
        </Text>
      )}
    </Stack>
  );
}
