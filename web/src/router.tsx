import { Box } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, Outlet, redirect } from '@tanstack/react-router';
import { isUnauthenticated } from './errors.ts';
import { type Me, meQuery } from './identityApi.ts';
import { findBusinessModule } from './modules.ts';
import { ApiKeysPage } from './pages/admin/ApiKeysPage.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { CompaniesPage } from './pages/admin/CompaniesPage.tsx';
import { CompanyPage } from './pages/admin/CompanyPage.tsx';
import { RolesPage } from './pages/admin/RolesPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { WorkspaceSettingsPage } from './pages/admin/WorkspaceSettingsPage.tsx';
import { BackOfficeLayout, SECURITY_PATH } from './pages/BackOfficeLayout.tsx';
import { CatalogImportPage } from './pages/catalog/CatalogImportPage.tsx';
import { CatalogPage } from './pages/catalog/CatalogPage.tsx';
import { NewProductWizard } from './pages/catalog/NewProductWizard.tsx';
import { ProductPage } from './pages/catalog/ProductPage.tsx';
import { SimulatorPage } from './pages/catalog/SimulatorPage.tsx';
import { ComingSoonPage } from './pages/ComingSoonPage.tsx';
import { journeyPublicRoutes } from './routes/journeyPublicRoutes.tsx';
import { DocumentsPage } from './pages/documents/DocumentsPage.tsx';
import { InvoicePage } from './pages/invoicing/InvoicePage.tsx';
import { InvoicesPage } from './pages/invoicing/InvoicesPage.tsx';
import { InvoicingSettingsPage } from './pages/invoicing/InvoicingSettingsPage.tsx';
import { JobsPage } from './pages/jobs/JobsPage.tsx';
import { MailboxPage } from './pages/mail/MailboxPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { AccountingPage } from './pages/accounting/AccountingPage.tsx';
import { CommissionsPage } from './pages/commissions/CommissionsPage.tsx';
import { MerchantStatementPage } from './pages/payments/MerchantStatementPage.tsx';
import { MerchantsPage } from './pages/payments/MerchantsPage.tsx';
import { OrderPage } from './pages/payments/OrderPage.tsx';
import { OrdersPage } from './pages/payments/OrdersPage.tsx';
import { PaymentsPage } from './pages/payments/PaymentsPage.tsx';
import { WebhookInboxPage } from './pages/payments/WebhookInboxPage.tsx';
import { ForgotPasswordPage } from './pages/public/ForgotPasswordPage.tsx';
import { InvitationPage } from './pages/public/InvitationPage.tsx';
import { OrderPublicPage, type PaymentReturn } from './pages/public/OrderPublicPage.tsx';
import { ResetPasswordPage } from './pages/public/ResetPasswordPage.tsx';
import { SandboxCheckoutPage } from './pages/public/SandboxCheckoutPage.tsx';
import { SandboxOnboardingPage } from './pages/public/SandboxOnboardingPage.tsx';
import { VerifyEmailPage } from './pages/public/VerifyEmailPage.tsx';
import { RouteErrorPage } from './pages/RouteErrorPage.tsx';
import { SecurityPage } from './pages/security/SecurityPage.tsx';
import { SignInPage } from './pages/SignInPage.tsx';
import { SignatureDetailPage, SignaturesPage } from './pages/signature/SignaturesPage.tsx';
import { SignerPage } from './pages/signature/SignerPage.tsx';
import { VerifyTokenPage, VerifyUploadPage } from './pages/signature/VerifyPage.tsx';
import { queryClient } from './queryClient.ts';
import { journeyAdminRoutes } from './routes/journeyAdminRoutes.tsx';
import { safeRedirect } from './session.ts';

// Code-based route tree (no file-based routing plugin, no generated files).

const rootRoute = createRootRoute({
  component: Outlet,
  notFoundComponent: () => (
    <Box p="md">
      <NotFoundPage />
    </Box>
  ),
  errorComponent: RouteErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/connexion', replace: true });
  },
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/connexion',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } => {
    const target = safeRedirect(search.redirect);
    return target ? { redirect: target } : {};
  },
  component: SignInPage,
});

// Pages reachable without a session, opened from links in emails (?token=…).
const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mot-de-passe-oublie',
  component: ForgotPasswordPage,
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reinitialiser',
  component: ResetPasswordPage,
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitation',
  component: InvitationPage,
});

const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verifier-email',
  component: VerifyEmailPage,
});

// The customer's page of an order, reached by its opaque token; the checkout sends them back with ?paiement=ok|annule.
const publicOrderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/commande/$token',
  validateSearch: (search: Record<string, unknown>): { paiement?: 'ok' | 'annule' } =>
    search.paiement === 'ok' || search.paiement === 'annule' ? { paiement: search.paiement } : {},
  component: PublicOrder,
});

function PublicOrder() {
  const { token } = publicOrderRoute.useParams();
  const { paiement } = publicOrderRoute.useSearch();
  return <OrderPublicPage key={token} token={token} paiement={paiement as PaymentReturn} />;
}

// The sandbox provider's hosted pages (served by Comptoir while the sandbox is the provider in use).
const sandboxCheckoutRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sandbox/checkout/$checkoutSessionId',
  component: SandboxCheckout,
});

function SandboxCheckout() {
  const { checkoutSessionId } = sandboxCheckoutRoute.useParams();
  return <SandboxCheckoutPage key={checkoutSessionId} sessionId={checkoutSessionId} />;
}

const sandboxOnboardingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sandbox/onboarding/$accountId',
  component: SandboxOnboarding,
});

function SandboxOnboarding() {
  const { accountId } = sandboxOnboardingRoute.useParams();
  return <SandboxOnboardingPage key={accountId} accountId={accountId} />;
}

// Where the payment provider sends a merchant back after onboarding (the server's return URL).
const merchantsReturnRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/paiements/marchands',
  beforeLoad: () => {
    throw redirect({ to: '/app/paiements/marchands', replace: true });
  },
});

// Electronic signature (issue #7): the signer's page by its emailed token, and the public verification pages.
const signerRoute = createRoute({ getParentRoute: () => rootRoute, path: '/signer/$token', component: Signer });
function Signer() {
  const { token } = signerRoute.useParams();
  return <SignerPage key={token} token={token} />;
}
const verifyUploadRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify', component: VerifyUploadPage });
const verifyTokenRoute = createRoute({ getParentRoute: () => rootRoute, path: '/verify/$token', component: VerifyToken });
function VerifyToken() {
  const { token } = verifyTokenRoute.useParams();
  return <VerifyTokenPage key={token} token={token} />;
}

const backOfficeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/app',
  // The guard: no session → sign-in page (coming back here afterwards); a role that
  // requires two-factor authentication without it → "Ma sécurité" until enrolled.
  beforeLoad: async ({ location }) => {
    let me: Me;
    try {
      me = await queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isUnauthenticated(error)) {
        const target = safeRedirect(location.pathname.replace(/\/$/, ''));
        throw redirect({ to: '/connexion', search: target && target !== '/app' ? { redirect: target } : {}, replace: true });
      }
      throw error;
    }
    if (me.mfaEnrollmentRequired && location.pathname.replace(/\/$/, '') !== SECURITY_PATH) {
      throw redirect({ to: SECURITY_PATH, replace: true });
    }
  },
  component: BackOfficeLayout,
  // Unknown /app/* addresses render inside the shell, so the navbar stays usable.
  notFoundComponent: NotFoundPage,
});

const dashboardRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/',
  component: () => <ComingSoonPage label="module.dashboard" />,
});

const mailRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/mail',
  component: MailboxPage,
});

const jobsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/jobs',
  component: JobsPage,
});

const securityRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/securite',
  component: SecurityPage,
});

const usersRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/utilisateurs',
  component: UsersPage,
});

const rolesRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/roles',
  component: RolesPage,
});

const companiesRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/societes',
  component: CompaniesPage,
});

// "nouvelle" is a static segment, so it wins over $companyId.
const newCompanyRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/societes/nouvelle',
  component: () => <CompanyPage companyId={null} />,
});

const companyRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/societes/$companyId',
  component: EditCompany,
});

function EditCompany() {
  const { companyId } = companyRoute.useParams();
  return <CompanyPage key={companyId} companyId={companyId} />;
}

const apiKeysRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/cles-api',
  component: ApiKeysPage,
});

const auditRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/audit',
  component: AuditPage,
});

const workspaceRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/espace',
  component: WorkspaceSettingsPage,
});

const catalogRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/catalogue',
  component: CatalogPage,
});

const catalogImportRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/catalogue/import',
  component: CatalogImportPage,
});

const newProductRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/catalogue/nouveau',
  component: NewProductWizard,
});

const productRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/catalogue/produits/$productId',
  component: ViewProduct,
});

function ViewProduct() {
  const { productId } = productRoute.useParams();
  return <ProductPage key={productId} productId={productId} />;
}

const pricingRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/tarification',
  component: SimulatorPage,
});

const ordersRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/commandes',
  component: OrdersPage,
});

const orderRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/commandes/$orderId',
  component: ViewOrder,
});

function ViewOrder() {
  const { orderId } = orderRoute.useParams();
  return <OrderPage key={orderId} orderId={orderId} />;
}

const paymentsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/paiements',
  component: PaymentsPage,
});

const webhookInboxRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/paiements/webhooks',
  component: WebhookInboxPage,
});

const merchantsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/paiements/marchands',
  component: MerchantsPage,
});

const merchantRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/paiements/marchands/$merchantId',
  component: ViewMerchant,
});

function ViewMerchant() {
  const { merchantId } = merchantRoute.useParams();
  return <MerchantStatementPage key={merchantId} merchantId={merchantId} />;
}

const documentsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/documents',
  component: DocumentsPage,
});
const commissionsRoute = createRoute({ getParentRoute: () => backOfficeRoute, path: '/commissions', component: CommissionsPage });
const accountingRoute = createRoute({ getParentRoute: () => backOfficeRoute, path: '/accounting', component: AccountingPage });

const invoicesRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/factures',
  component: InvoicesPage,
});

// "reglages" is a static segment, so it wins over $invoiceId.
const invoicingSettingsRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/factures/reglages',
  validateSearch: (search: Record<string, unknown>): { societe?: string } =>
    typeof search.societe === 'string' && /^[0-9a-f-]{36}$/i.test(search.societe) ? { societe: search.societe } : {},
  component: InvoicingSettings,
});

function InvoicingSettings() {
  const { societe } = invoicingSettingsRoute.useSearch();
  const navigate = invoicingSettingsRoute.useNavigate();
  return <InvoicingSettingsPage companyId={societe} onCompanyChange={(companyId) => void navigate({ search: { societe: companyId }, replace: true })} />;
}

const invoiceRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/factures/$invoiceId',
  component: ViewInvoice,
});

function ViewInvoice() {
  const { invoiceId } = invoiceRoute.useParams();
  return <InvoicePage key={invoiceId} invoiceId={invoiceId} />;
}

const signaturesRoute = createRoute({ getParentRoute: () => backOfficeRoute, path: '/signature', component: SignaturesPage });
const signatureRequestRoute = createRoute({ getParentRoute: () => backOfficeRoute, path: '/signature/$signatureRequestId', component: ViewSignatureRequest });
function ViewSignatureRequest() {
  const { signatureRequestId } = signatureRequestRoute.useParams();
  return <SignatureDetailPage key={signatureRequestId} id={signatureRequestId} />;
}

// Catch-all for business modules without a screen yet. Static routes such as /mail win over it.
// Unknown slugs render the not-found state in the component so it stays inside the shell.
const moduleRoute = createRoute({
  getParentRoute: () => backOfficeRoute,
  path: '/$module',
  component: ModulePlaceholder,
});

function ModulePlaceholder() {
  const { module } = moduleRoute.useParams();
  const found = findBusinessModule(module);
  return found ? <ComingSoonPage key={found.slug} label={found.label} /> : <NotFoundPage />;
}

const routeTree = rootRoute.addChildren([
  indexRoute,
  ...journeyPublicRoutes(rootRoute),
  signInRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  invitationRoute,
  verifyEmailRoute,
  publicOrderRoute,
  sandboxCheckoutRoute,
  sandboxOnboardingRoute,
  merchantsReturnRoute,
  signerRoute,
  verifyUploadRoute,
  verifyTokenRoute,
  backOfficeRoute.addChildren([
    dashboardRoute,
    mailRoute,
    jobsRoute,
    securityRoute,
    usersRoute,
    rolesRoute,
    companiesRoute,
    newCompanyRoute,
    companyRoute,
    apiKeysRoute,
    auditRoute,
    workspaceRoute,
    catalogRoute,
    catalogImportRoute,
    newProductRoute,
    productRoute,
    pricingRoute,
    ordersRoute,
    orderRoute,
    paymentsRoute,
    webhookInboxRoute,
    merchantsRoute,
    merchantRoute,
    invoicesRoute,
    invoicingSettingsRoute,
    invoiceRoute,
    signaturesRoute,
    signatureRequestRoute,
    ...journeyAdminRoutes(() => backOfficeRoute),
    documentsRoute,
    commissionsRoute,
    accountingRoute,
    moduleRoute,
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
