import { Alert, Anchor, Button, Center, Checkbox, Code, Divider, Group, Loader, PinInput, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { PublicCard } from '../../components/PublicCard.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDateTime } from '../../i18n/format.ts';
import { type PublicSignatureRequest, publicSignatureQuery, type SignResult, type Strokes, signatureApi, signatureKeys } from '../../signatureApi.ts';
import { SignaturePad } from './SignaturePad.tsx';

/**
 * /signer/:token — the signer's page (no account: the emailed token is the capability). Mobile-first, one column:
 * the recap and the document (opened as a PDF in a new tab, with its SHA-256 — an embedded PDF viewer does not render
 * in every browser, headless Chromium included, and pages rendered to images server-side would be heavy for little
 * gain), the one-time code when asked, the consent, the signature pad, « Signer ». Then the return URL or a done page.
 */
export function SignerPage({ token }: { token: string }) {
  const t = useT();
  usePageTitle(t('signer.title'));
  const request = useQuery(publicSignatureQuery(token));
  const [done, setDone] = useState<SignResult | null>(null);

  if (request.isPending) {
    return (
      <PublicCard heading={t('signer.title')}>
        <Center py="lg">
          <Loader />
        </Center>
      </PublicCard>
    );
  }
  if (request.isError) {
    return (
      <PublicCard heading={t('signer.title')}>
        <Alert color="red" variant="light" title={t('signer.notFound')} role="alert">
          <Text size="sm">{describeError(request.error, t)}</Text>
        </Alert>
      </PublicCard>
    );
  }
  const data = request.data;
  if (done || data.status === 'signed') return <SignedCard token={token} data={data} result={done} />;
  return (
    <PublicCard heading={data.title} description={t('signer.for', { name: data.signerName, email: data.signerEmail })}>
      {data.status === 'cancelled' || data.status === 'expired' ? (
        <Alert color="orange" variant="light" role="alert">
          {t(data.status === 'cancelled' ? 'signer.closed.cancelled' : 'signer.closed.expired')}
        </Alert>
      ) : (
        <SigningForm token={token} data={data} onSigned={setDone} />
      )}
    </PublicCard>
  );
}

function DocumentBlock({ token, data }: { token: string; data: PublicSignatureRequest }) {
  const t = useT();
  return (
    <Stack gap="xs">
      {data.recap.length > 0 && (
        <>
          <Title order={2} fz="h5">
            {t('signer.recap')}
          </Title>
          <Table withRowBorders={false} verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {data.recap.map((line) => (
                <Table.Tr key={line.label}>
                  <Table.Td c="dimmed" w="45%">
                    {line.label}
                  </Table.Td>
                  <Table.Td fw={600}>{line.value}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('signer.document')}
        </Text>
        <Button component="a" href={signatureApi.documentUrl(token)} target="_blank" rel="noopener" variant="light" size="compact-sm">
          {t('signer.openPdf')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('signer.sha256')}
      </Text>
      <Code block style={{ wordBreak: 'break-all', whiteSpace: 'normal' }} data-testid="document-sha256">
        {data.documentSha256}
      </Code>
      {data.links.map((link) => (
        <Anchor key={link.url} href={link.url} target="_blank" rel="noopener" size="sm">
          {link.label}
        </Anchor>
      ))}
    </Stack>
  );
}

function OtpStep({ token, onVerified }: { token: string; onVerified: () => void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const send = useMutation({ mutationFn: () => signatureApi.sendOtp(token) });
  const verify = useMutation({ mutationFn: () => signatureApi.verifyOtp(token, code), onSuccess: onVerified });
  return (
    <Stack gap="xs">
      <Title order={2} fz="h5">
        {t('signer.otp.heading')}
      </Title>
      <Text size="sm">{t('signer.otp.explain')}</Text>
      <Button variant={send.isSuccess ? 'subtle' : 'filled'} onClick={() => send.mutate()} loading={send.isPending}>
        {t(send.isSuccess ? 'signer.otp.resend' : 'signer.otp.send')}
      </Button>
      {send.isSuccess && <Text size="sm">{t('signer.otp.sent', { email: send.data.sentTo })}</Text>}
      {send.isError && <Alert color="red">{describeError(send.error, t)}</Alert>}
      {send.isSuccess && (
        <>
          <Text size="sm" fw={600}>
            {t('signer.otp.code')}
          </Text>
          <PinInput length={6} type="number" oneTimeCode value={code} onChange={setCode} aria-label={t('signer.otp.code')} />
          <Button onClick={() => verify.mutate()} disabled={code.length !== 6} loading={verify.isPending}>
            {t('signer.otp.verify')}
          </Button>
          {verify.isError && (
            <Alert color="red" role="alert">
              {describeError(verify.error, t)}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

function SigningForm({ token, data, onSigned }: { token: string; data: PublicSignatureRequest; onSigned: (result: SignResult) => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [consent, setConsent] = useState(false);
  const [strokes, setStrokes] = useState<Strokes | null>(null);
  const needsOtp = data.otpRequired && !data.otpVerified;
  const sign = useMutation({
    mutationFn: () => signatureApi.sign(token, { consent: true, strokes: strokes!, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC' }),
    onSuccess: (result) => {
      if (result.redirectUrl) {
        window.location.assign(result.redirectUrl);
        return;
      }
      onSigned(result);
      void queryClient.invalidateQueries({ queryKey: signatureKeys.publicRequest(token) });
    },
  });
  return (
    <Stack gap="md">
      <DocumentBlock token={token} data={data} />
      <Divider />
      {needsOtp ? (
        <OtpStep token={token} onVerified={() => void queryClient.invalidateQueries({ queryKey: signatureKeys.publicRequest(token) })} />
      ) : (
        <>
          {data.otpRequired && (
            <Text size="sm" c="teal">
              {t('signer.otp.verified')}
            </Text>
          )}
          <Checkbox checked={consent} onChange={(event) => setConsent(event.currentTarget.checked)} label={data.consentText} />
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('signer.pad.label')}
            </Text>
            <SignaturePad onChange={setStrokes} disabled={sign.isPending} />
          </Stack>
          <Text size="xs" c="dimmed">
            {t('signer.legal')}
          </Text>
          <Button size="md" onClick={() => sign.mutate()} disabled={!consent || !strokes} loading={sign.isPending}>
            {t('signer.sign')}
          </Button>
          {sign.isPending && (
            <Text size="sm" c="dimmed">
              {t('signer.signing')}
            </Text>
          )}
          {sign.isError && (
            <Alert color="red" role="alert">
              {describeError(sign.error, t)}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
}

function SignedCard({ token, data, result }: { token: string; data: PublicSignatureRequest; result: SignResult | null }) {
  const t = useT();
  const { lang } = useLang();
  const signedAt = result?.signedAt ?? data.signedAt;
  const verifyUrl = result?.verifyUrl ?? data.verifyUrl;
  const sealed = result?.sealedSha256 ?? data.sealedSha256;
  return (
    <PublicCard heading={t('signer.done.heading')} description={data.title}>
      <Alert color="teal" variant="light" role="status">
        {t('signer.done.body')}
        {signedAt && ` (${formatDateTime(signedAt, lang)})`}
      </Alert>
      {sealed && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('verify.sealedSha256')}
          </Text>
          <Code block style={{ wordBreak: 'break-all', whiteSpace: 'normal' }} data-testid="sealed-sha256">
            {sealed}
          </Code>
        </Stack>
      )}
      <Button component="a" href={signatureApi.signedUrl(token)} target="_blank" rel="noopener">
        {t('signer.done.download')}
      </Button>
      {verifyUrl && (
        <Anchor href={verifyUrl} size="sm">
          {t('signer.done.verify')}
        </Anchor>
      )}
      {data.returnUrl && (
        <Button component="a" href={data.returnUrl} variant="light">
          {t('signer.done.continue')}
        </Button>
      )}
    </PublicCard>
  );
}
