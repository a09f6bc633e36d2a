import { Alert, Button, List, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../../errors.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { journeysApi, type ProspectView } from '../../../journeysApi.ts';
import { PriceCard } from './PriceCard.tsx';

/**
 * After the questionnaire: the price and the analysis, the mandate's terms (seed 004: 12 months renewed, start date,
 * legal value of the e-signature), then « Signer mon mandat », which opens the signing page of the signature module.
 */
export function SignatureStep({ token, view }: { token: string; view: ProspectView }) {
  const t = useT();
  const sign = useMutation({
    mutationFn: () => journeysApi.startSignature(token),
    onSuccess: (result) => window.location.assign(result.url),
  });
  return (
    <Stack gap="lg">
      <PriceCard view={view} />
      <Stack gap="xs">
        <Title order={3} fz="h5">
          {t('journey.signature.title')}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>{t('journey.signature.term.duration')}</List.Item>
          <List.Item>{t('journey.signature.term.start')}</List.Item>
          <List.Item>{t('journey.signature.term.legal')}</List.Item>
        </List>
        <Text size="xs" c="dimmed">
          {t('journey.signature.hint')}
        </Text>
      </Stack>
      {sign.isError && (
        <Alert color="red" variant="light" role="alert">
          {describeError(sign.error, t)}
        </Alert>
      )}
      <Button size="md" onClick={() => sign.mutate()} loading={sign.isPending}>
        {t('journey.signature.cta')}
      </Button>
    </Stack>
  );
}
