import { Alert, Anchor, Button, Center, Code, FileInput, Loader, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { signatureApi, verifyTokenQuery } from '../../signatureApi.ts';

function Hash({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'normal' }} data-testid={testId}>
        {value}
      </Code>
    </Stack>
  );
}

/** /verify — upload a PDF: sealed by Comptoir and unaltered? (the file's hash is a sealed file we issued, and its seal verifies). */
export function VerifyUploadPage() {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('verify.title'));
  const [file, setFile] = useState<File | null>(null);
  const check = useMutation({ mutationFn: (f: File) => signatureApi.verifyFile(f) });
  const report = check.data;
  return (
    <PublicCard heading={t('verify.title')} description={t('verify.upload.explain')}>
      <FileInput label={t('verify.upload.choose')} accept="application/pdf" value={file} onChange={(f) => { setFile(f); check.reset(); }} data-testid="verify-file" clearable />
      <Button disabled={!file} loading={check.isPending} onClick={() => file && check.mutate(file)}>
        {t('verify.upload.check')}
      </Button>
      {check.isError && <Alert color="red">{describeError(check.error, t)}</Alert>}
      {report && (
        <Alert color={report.valid ? 'teal' : 'red'} variant="light" title={t(report.valid ? 'verify.valid' : 'verify.invalid')} role="status" data-testid="verify-result">
          <Stack gap="xs">
            <Text size="sm">{report.message}</Text>
            {report.request && (
              <Text size="sm">
                {report.request.title} — {t('verify.signer', { name: report.request.signerName })} {t('verify.signedAt', { date: formatDateTime(report.request.signedAt, lang) })}
              </Text>
            )}
            <Hash label={t('verify.sha256')} value={report.sha256} />
          </Stack>
        </Alert>
      )}
    </PublicCard>
  );
}

/** /verify/:token — the page the QR code of a certificate of completion opens. */
export function VerifyTokenPage({ token }: { token: string }) {
  const t = useT();
  const { lang } = useLang();
  usePageTitle(t('verify.title'));
  const result = useQuery(verifyTokenQuery(token));
  if (result.isPending) {
    return (
      <PublicCard heading={t('verify.title')}>
        <Center py="lg">
          <Loader />
        </Center>
      </PublicCard>
    );
  }
  if (result.isError) {
    return (
      <PublicCard heading={t('verify.title')}>
        <Alert color="red" variant="light" title={t('verify.notFound')} role="alert">
          {describeError(result.error, t)}
        </Alert>
      </PublicCard>
    );
  }
  const data = result.data;
  return (
    <PublicCard heading={t('verify.title')} description={data.title}>
      <Alert color={data.valid ? 'teal' : 'orange'} variant="light" title={t(data.valid ? 'verify.valid' : 'verify.invalid')} role="status" data-testid="verify-result">
        <Stack gap="xs">
          <Text size="sm">{data.message}</Text>
          {data.signedAt && (
            <Text size="sm">
              {t('verify.signer', { name: data.signerName })} {t('verify.signedAt', { date: formatDateTime(data.signedAt, lang) })}
            </Text>
          )}
        </Stack>
      </Alert>
      {data.sealedSha256 && <Hash label={t('verify.sealedSha256')} value={data.sealedSha256} />}
      <Hash label={t('verify.documentSha256')} value={data.documentSha256} />
      <Anchor href="/verify" size="sm">
        {t('verify.checkAnother')}
      </Anchor>
    </PublicCard>
  );
}
