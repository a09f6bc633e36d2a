import { Alert, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { usePageTitle } from '../../../components/usePageTitle.ts';
import { useT } from '../../../i18n/I18nProvider.tsx';
import { prospectQuery } from '../../../journeysApi.ts';
import { JourneyPending, JourneyShell, stepIndex } from './JourneyShell.tsx';
import { PaymentStep } from './PaymentStep.tsx';
import { ProspectDocumentsSection } from './ProspectDocumentsSection.tsx';
import { QuestionnaireStep } from './QuestionnaireStep.tsx';
import { SignatureStep } from './SignatureStep.tsx';

/**
 * /parcours/p/:token — the prospect's one link: it always opens the step they are at (questionnaire, signature,
 * payment), from any device; an activated client lands on the thank-you page.
 */
export function JourneyPage({ token, paiement }: { token: string; paiement?: 'annule' }) {
  const t = useT();
  // Back from the signing page, the signature is sealed by a job: ask again until the status moves on.
  const view = useQuery({ ...prospectQuery(token), refetchInterval: (query) => (query.state.data?.step === 'signature' && document.visibilityState === 'visible' ? 4000 : false) });
  usePageTitle(view.data ? `${view.data.journeyName} — ${view.data.statusLabel}` : t('journey.title'));
  if (!view.data) return <JourneyPending query={view} />;
  const data = view.data;
  if (data.step === 'done') return <Navigate to="/parcours/p/$token/merci" params={{ token }} />;
  return (
    <JourneyShell brand={data.brand.name} tagline={data.brand.tagline} active={stepIndex(data.step)}>
      {data.step === 'questionnaire' && (
        <Stack gap="md">
          {data.status === 'abandonne' && (
            <Alert color="blue" variant="light">
              {t('journey.welcomeBack')}
            </Alert>
          )}
          <QuestionnaireStep token={token} view={data}>
            <ProspectDocumentsSection token={token} />
          </QuestionnaireStep>
        </Stack>
      )}
      {data.step === 'signature' && <SignatureStep token={token} view={data} />}
      {data.step === 'payment' && <PaymentStep token={token} view={data} cancelled={paiement === 'annule'} />}
      {data.step === 'ended' && (
        <Alert color="gray" variant="light" title={data.statusLabel}>
          <Text size="sm">{t('journey.ended')}</Text>
        </Alert>
      )}
    </JourneyShell>
  );
}
