import type { Services } from '../../platform/services.ts';
import { createSandboxProvider } from '../sandbox/sandbox-provider.ts';
import type { PaymentProvider, ProviderName } from './payment-provider.ts';
import { createStripeProvider } from './stripe-provider.ts';

const providers = new WeakMap<Services, PaymentProvider>();

/** The provider this process collects with: Stripe when configured, the embedded sandbox otherwise. */
export function paymentProvider(services: Services): PaymentProvider {
  let provider = providers.get(services);
  if (!provider) {
    provider = services.config.payments.kind === 'stripe' ? createStripeProvider(services.config) : createSandboxProvider(services);
    providers.set(services, provider);
  }
  return provider;
}

/** The provider a webhook path names, if it is the one in use (a sandbox event is refused once Stripe is on). */
export function providerNamed(services: Services, name: string): PaymentProvider | undefined {
  const provider = paymentProvider(services);
  return provider.name === (name as ProviderName) ? provider : undefined;
}
