/**
 * The sandbox's test cards, numbered as Stripe's so the habit carries over
 * (https://docs.stripe.com/testing): one that pays, one that is declined, one that pays now and fails later.
 */
export type CardBehaviour = 'succeeds' | 'declined' | 'fails_later';

export const TEST_CARDS: { number: string; behaviour: CardBehaviour; label: { fr: string; en: string } }[] = [
  { number: '4242424242424242', behaviour: 'succeeds', label: { fr: 'Paiement accepté', en: 'Payment succeeds' } },
  { number: '4000000000000002', behaviour: 'declined', label: { fr: 'Carte refusée', en: 'Card declined' } },
  {
    number: '4000000000000341',
    behaviour: 'fails_later',
    label: { fr: 'Acceptée maintenant, refusée aux renouvellements', en: 'Succeeds now, fails on renewals' },
  },
];

export function cardBehaviour(cardNumber: string): CardBehaviour | null {
  const digits = cardNumber.replace(/[\s-]/g, '');
  return TEST_CARDS.find((card) => card.number === digits)?.behaviour ?? null;
}

export const DECLINE_MESSAGE = 'Your card was declined.';
