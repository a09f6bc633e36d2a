import { Alert, Badge, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Field, SectionCard } from '../../components/SectionCard.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { authApi, type Me } from '../../identityApi.ts';
import { useRoleLabel } from '../../session.ts';
import { useScopeLabel } from '../admin/pickers.tsx';

export function ProfileCard({ me }: { me: Me }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  const scope = useScopeLabel();
  const sendVerification = useMutation({
    mutationFn: authApi.sendEmailVerification,
    onSuccess: () => notifications.show({ color: 'teal', message: t('security.email.sent', { email: me.user.email }) }),
  });

  return (
    <SectionCard title={t('security.profile.heading')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg" verticalSpacing="md">
        <Field label={t('security.profile.name')}>
          <Text size="sm">{me.user.displayName}</Text>
        </Field>
        <Field label={t('security.profile.email')}>
          <Group gap="xs">
            <Text size="sm">{me.user.email}</Text>
            <Badge size="sm" variant="light" color={me.user.emailVerified ? 'teal' : 'orange'} tt="none">
              {t(me.user.emailVerified ? 'security.email.verified' : 'security.email.unverified')}
            </Badge>
          </Group>
        </Field>
        <Field label={t('security.profile.workspace')}>
          <Text size="sm">{me.workspace.name}</Text>
        </Field>
        <Field label={t('security.profile.language')}>
          <Text size="sm">{t(`lang.${me.user.language}.full`)}</Text>
        </Field>
        <Field label={t('security.profile.roles')}>
          <Stack gap={2}>
            {me.grants.length === 0 ? (
              <Text size="sm" c="dimmed">
                —
              </Text>
            ) : (
              me.grants.map((grant) => (
                <Text size="sm" key={`${grant.role}:${grant.companyIds.join(',')}`}>
                  <Text span fw={600} inherit>
                    {roleLabel(grant.role)}
                  </Text>{' '}
                  <Text span c="dimmed" inherit>
                    · {scope(grant.companyIds)}
                  </Text>
                </Text>
              ))
            )}
          </Stack>
        </Field>
        <Field label={t('security.profile.mfa')}>
          <Badge size="sm" variant="light" color={me.user.mfaEnabled ? 'teal' : 'gray'} tt="none">
            {t(me.user.mfaEnabled ? 'mfa.status.on' : 'mfa.status.off')}
          </Badge>
        </Field>
      </SimpleGrid>
      {!me.user.emailVerified && !me.mfaEnrollmentRequired && (
        <Alert color="orange" variant="light" title={t('security.email.unverified.title')}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('security.email.unverified.body', { email: me.user.email })}</Text>
            {sendVerification.isError && <ErrorAlert error={sendVerification.error} />}
            {sendVerification.isSuccess ? (
              <Text size="sm" fw={500}>
                {t('security.email.sent', { email: me.user.email })}
              </Text>
            ) : (
              <Button size="xs" variant="light" color="orange" loading={sendVerification.isPending} onClick={() => sendVerification.mutate()}>
                {t('security.email.send')}
              </Button>
            )}
          </Stack>
        </Alert>
      )}
    </SectionCard>
  );
}
