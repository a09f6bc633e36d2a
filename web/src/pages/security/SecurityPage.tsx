import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../../session.ts';
import { ChangePasswordCard } from './ChangePasswordCard.tsx';
import { LoginEventsCard } from './LoginEventsCard.tsx';
import { MfaCard } from './MfaCard.tsx';
import { ProfileCard } from './ProfileCard.tsx';
import { SessionsCard } from './SessionsCard.tsx';

/** /app/securite — « Ma sécurité »: profile, password, two-factor authentication, sessions, sign-ins. */
export function SecurityPage() {
  const t = useT();
  usePageTitle(t('security.heading'));
  const me = useMe();
  if (!me) return null;
  // Until a mandatory enrolment is done the server only answers the enrolment
  // endpoints, so the other sections would only show errors.
  const enrolling = me.mfaEnrollmentRequired;
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title={t('security.heading')} description={t('security.intro')} />
      <ProfileCard me={me} />
      <MfaCard me={me} />
      {!enrolling && (
        <>
          <ChangePasswordCard />
          <SessionsCard />
          <LoginEventsCard />
        </>
      )}
    </Stack>
  );
}
