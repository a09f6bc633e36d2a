import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ExtractedPolicyReview } from '../../../components/documents/ExtractedPolicyReview.tsx';
import { PolicyUploadDropzone } from '../../../components/documents/PolicyUploadDropzone.tsx';
import { POLICY_ACCEPT, uploadFile } from '../../../documentsApi.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { journeyKeys, journeysApi, prospectDocumentsQuery } from '../../../journeysApi.ts';

/**
 * Seed 004 "Upload de polices d'assurance": the prospect drops their current policies (PDF or photo); each is read
 * (text layer or OCR) and the fields found come back with their confidence, to confirm or correct.
 */
export function ProspectDocumentsSection({ token }: { token: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const list = useQuery(prospectDocumentsQuery(token));
  const refresh = () => queryClient.invalidateQueries({ queryKey: journeyKeys.documents(token) });
  const confirm = useMutation({
    mutationFn: ({ documentId, fields }: { documentId: string; fields: Parameters<typeof journeysApi.confirmDocument>[2] }) => journeysApi.confirmDocument(token, documentId, fields),
    onSuccess: refresh,
  });
  const step = list.data?.step;
  if (!step) return null;
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={2} fz="h4">
        {step.title}
      </Title>
      <Text size="sm" c="dimmed">
        {t('journey.documents.intro')}
      </Text>
      {items.map((item) => (
        <Paper key={item.id} withBorder radius="md" p="sm">
          <Stack gap="xs">
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600} size="sm" truncate>
                {item.filename}
              </Text>
              {item.extraction?.confirmed && <Badge color="green">{t('journey.documents.confirmed')}</Badge>}
            </Group>
            {item.extraction && (
              <ExtractedPolicyReview extraction={item.extraction} busy={confirm.isPending} onConfirm={(fields) => confirm.mutate({ documentId: item.id, fields })} />
            )}
          </Stack>
        </Paper>
      ))}
      {items.length < step.maxFiles && (
        <PolicyUploadDropzone accept={POLICY_ACCEPT} onUpload={(file, onProgress) => uploadFile(journeysApi.uploadUrl(token, file.name), file, onProgress)} onDone={() => void refresh()} />
      )}
    </Stack>
  );
}
