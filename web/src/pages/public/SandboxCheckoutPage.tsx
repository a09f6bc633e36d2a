import { Alert, Anchor, Box, Button, Center, Divider, Group, Loader, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { fieldErrorsOf } from '../../components/formErrors.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { usePageTitle } from '../../components/usePageTitle.ts';
import { describeError } from '../../errors.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { type SandboxCheckoutSession, paymentsApi, sandboxSessionQuery } from '../../paymentsApi.ts';
import { formatCardNumber, isCardNumber } from '../payments/paymentForms.ts';
import { useMoney, useRecurrence } from '../payments/paymentsUi.tsx';

/** The banner every sandbox page carries: nothing here moves real money. */
export function SandboxBanner() {
  const t = useT();
  return (
    <Box bg="yellow.4" py={8} px="md" role="note">
      <Text ta="center" fw={700} size="sm" c="dark.8">
        {t('sandbox.banner')}
      </Text>
    </Box>
  );
}

/** The frame of the sandbox's hosted pages (checkout, onboarding): the banner, then one centred column. */
export function SandboxFrame({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <SandboxBanner />
      <Center px="md" py="xl">
        <Stack w="100%" maw={460} gap="md">
          <Group justify="flex-end">
            <LanguageSwitch />
          </Group>
          {children}
        </Stack>
      </Center>
    </Box>
  );
}

/**
 * /sandbox/checkout/:checkoutSessionId — the sandbox's stand-in for Stripe's hosted checkout: what is paid, a card
 * number (the test cards are listed and fill the field on click), Pay → back to the merchant's success URL; a
 * declined card says so and the page stays payable; Cancel → the cancel URL.
 */
export function SandboxCheckoutPage({ sessionId }: { sessionId: string }) {
  const t = useT();
  usePageTitle(t('sandbox.checkout.title'));
  const session = useQuery({ ...sandboxSessionQuery(sessionId), staleTime: 0 });
  let body: ReactNode;
  if (session.isPending) {
    body = (
      <Center py="xl">
        <Loader />
      </Center>
    );
  } else if (session.isError) {
    body = (
      <Alert color="red" variant="light" title={t('sandbox.checkout.notFound')} role="alert">
        <Text size="sm">{describeError(session.error, t)}</Text>
      </Alert>
    );
  } else {
    body = <CheckoutForm session={session.data} />;
  }
  return <SandboxFrame>{body}</SandboxFrame>;
}

function CheckoutForm({ session }: { session: SandboxCheckoutSession }) {
  const t = useT();
  const { lang } = useLang();
  const money = useMoney();
  const recurrence = useRecurrence();
  const [card, setCard] = useState('');
  const [checked, setChecked] = useState(false);
  const pay = useMutation({
    mutationFn: (cardNumber: string) => paymentsApi.sandboxPay(session.id, cardNumber),
    onSuccess: (result) => window.location.assign(result.redirectUrl),
  });
  const every = session.recurring ? recurrence(session.recurring.interval, session.recurring.intervalCount) : '';
  const total = money(session.amountTotal, session.currency);
  const clientError = checked && !isCardNumber(card) ? t('sandbox.checkout.card.invalid') : undefined;
  const declined = pay.isError ? (fieldErrorsOf(pay.error).cardNumber?.join(' ') ?? describeError(pay.error, t)) : undefined;
  const submit = () => {
    setChecked(true);
    if (!isCardNumber(card)) return;
    pay.mutate(card.replace(/\D/g, ''));
  };

  const summary = (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        {session.mode === 'subscription' ? t('sandbox.checkout.subscribe') : t('sandbox.checkout.pay')}
      </Text>
      <Title order={1} fz={34} data-testid="checkout-amount">
        {total}
        {every && (
          <Text span fz="md" c="dimmed" fw={400}>
            {' '}
            {every}
          </Text>
        )}
      </Title>
      <Stack gap={2} mt="xs">
        {session.lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a session never change
          <Group key={index} justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">
              {line.quantity > 1 ? `${line.quantity} × ` : ''}
              {line.description}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {money(line.unitAmount * line.quantity, session.currency)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Stack>
  );

  if (session.status !== 'open') {
    const complete = session.status === 'complete';
    return (
      <Paper withBorder radius="lg" p="lg">
        <Stack gap="md">
          {summary}
          <Alert color={complete ? 'green' : 'gray'} variant="light" title={complete ? t('sandbox.checkout.complete') : t('sandbox.checkout.expired')}>
            <Anchor href={complete ? session.successUrl : session.cancelUrl} size="sm">
              {t('sandbox.checkout.back')}
            </Anchor>
          </Alert>
        </Stack>
      </Paper>
    );
  }

  return (
    <Paper withBorder radius="lg" p="lg" shadow="sm">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="md">
          {summary}
          <Divider />
          <Text size="sm">
            <Text span c="dimmed">
              {t('sandbox.checkout.email')}{' '}
            </Text>
            {session.customerEmail}
          </Text>
          <TextInput
            label={t('sandbox.checkout.card')}
            placeholder="4242 4242 4242 4242"
            value={formatCardNumber(card)}
            onChange={(e) => {
              setCard(e.currentTarget.value.replace(/\D/g, ''));
              pay.reset();
            }}
            inputMode="numeric"
            autoComplete="cc-number"
            error={clientError ?? declined}
            size="md"
          />
          {declined && (
            <Alert color="red" variant="light" title={t('sandbox.checkout.declined')} role="alert">
              <Text size="sm">{t('sandbox.checkout.declined.body')}</Text>
            </Alert>
          )}
          <Stack gap={4} component="section" aria-label={t('sandbox.checkout.testCards')}>
            <Text size="xs" fw={600} c="dimmed" tt="uppercase">
              {t('sandbox.checkout.testCards')}
            </Text>
            {session.testCards.map((testCard) => (
              <UnstyledButton
                key={testCard.number}
                onClick={() => {
                  setCard(testCard.number);
                  pay.reset();
                }}
                p={6}
                style={{ borderRadius: 'var(--mantine-radius-sm)', border: '1px dashed var(--mantine-color-gray-4)' }}
                aria-label={t('sandbox.checkout.useCard', { number: testCard.number, label: testCard.label[lang] })}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" ff="monospace">
                    {formatCardNumber(testCard.number)}
                  </Text>
                  <Text size="xs" c="dimmed" ta="right">
                    {testCard.label[lang]}
                  </Text>
                </Group>
              </UnstyledButton>
            ))}
            <Text size="xs" c="dimmed">
              {t('sandbox.checkout.testCards.hint')}
            </Text>
          </Stack>
          <Button type="submit" size="lg" fullWidth loading={pay.isPending}>
            {t('sandbox.checkout.submit', { amount: total })}
          </Button>
          <Anchor href={session.cancelUrl} size="sm" ta="center">
            {t('sandbox.checkout.cancel')}
          </Anchor>
        </Stack>
      </form>
    </Paper>
  );
}
