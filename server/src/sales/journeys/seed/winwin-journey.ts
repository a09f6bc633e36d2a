import type { JourneyDefinition } from '../rules/journey-definition.ts';


/** Coverages a Swiss broker manages (seed 004 "Type de couvertures souhaitées"); the recommendation rules use the same codes. */
export const WINWIN_COVERAGES = [
  { value: 'rc_privee', label: 'Responsabilité civile privée' },
  { value: 'menage', label: 'Assurance ménage' },
  { value: 'auto', label: 'Véhicules' },
  { value: 'sante_lamal', label: 'Santé de base (LAMal)' },
  { value: 'sante_lca', label: 'Santé complémentaire (LCA)' },
  { value: 'vie_3e_pilier', label: 'Prévoyance / 3e pilier' },
  { value: 'protection_juridique', label: 'Protection juridique' },
  { value: 'batiment', label: 'Bâtiment' },
  { value: 'rc_entreprise', label: 'RC entreprise' },
  { value: 'laa', label: 'Accidents (LAA)' },
  { value: 'perte_de_gain', label: 'Perte de gain maladie' },
  { value: 'lpp', label: 'Prévoyance professionnelle (LPP)' },
];

/**
 * Seed 004, the WIN WIN Finance Group journey: questionnaire (personal data, individual or company, birth date or
 * employee count, current policies, needs), price from the catalog's CHF grid, mandate signature, yearly payment,
 * activation with a `WW-{year}-{sequence}` mandate number, the welcome mail and Olivier's notification (texts of the seed).
 */
export const WINWIN_JOURNEY: JourneyDefinition = {
  brand: { name: 'WIN WIN Finance Group', tagline: 'Votre mandat de gestion en moins de 30 minutes' },
  abandonAfterHours: 72,
  // How long abandoned prospects are kept is WIN WIN's decision (the seed says nothing): until then, kept.
  eraseAbandonedAfterDays: null,
  pricing: {
    plan: 'ANNUEL',
    attributes: {
      client_type: { answer: 'client_type' },
      age: { ageFromDate: 'birth_date' },
      employees: { answer: 'employees' },
      free: { offered: true },
    },
  },
  steps: [
    {
      kind: 'questionnaire',
      form: {
        consent: {
          version: 'winwin-rgpd-2025-11',
          text:
            'J’accepte que WIN WIN Finance Group traite les données de ce questionnaire et les polices transmises pour analyser ma situation d’assurance et établir mon mandat de gestion. Les données sont hébergées en Suisse, accessibles au seul gestionnaire, et je peux en demander l’accès, la rectification ou la suppression à contact@winwin.swiss.',
        },
        sections: [
          {
            id: 'profil',
            title: 'Vous êtes',
            fields: [
              {
                id: 'client_type',
                label: 'Type de client',
                type: 'radio',
                required: true,
                mapsTo: 'clientType',
                options: [
                  { value: 'particulier', label: 'Particulier' },
                  { value: 'entreprise', label: 'Entreprise' },
                ],
              },
            ],
          },
          {
            id: 'identite',
            title: 'Informations personnelles',
            description: 'Environ 3 minutes.',
            fields: [
              { id: 'first_name', label: 'Prénom', type: 'text', required: true, mapsTo: 'name' },
              { id: 'last_name', label: 'Nom', type: 'text', required: true, mapsTo: 'name' },
              { id: 'email', label: 'E-mail', type: 'email', required: true, mapsTo: 'email' },
              { id: 'phone', label: 'Téléphone', type: 'phone', required: true, mapsTo: 'phone' },
              { id: 'birth_date', label: 'Date de naissance', type: 'date', required: true, max: 120, visibleIf: { field: 'client_type', equals: 'particulier' } },
              {
                id: 'family_status',
                label: 'Situation familiale',
                type: 'select',
                required: false,
                visibleIf: { field: 'client_type', equals: 'particulier' },
                options: [
                  { value: 'celibataire', label: 'Célibataire' },
                  { value: 'marie', label: 'Marié·e / partenariat enregistré' },
                  { value: 'concubinage', label: 'Concubinage' },
                  { value: 'divorce', label: 'Divorcé·e / séparé·e' },
                  { value: 'veuf', label: 'Veuf·ve' },
                ],
              },
              { id: 'company_name', label: 'Raison sociale', type: 'text', required: true, visibleIf: { field: 'client_type', equals: 'entreprise' } },
              { id: 'employees', label: 'Nombre d’employés', type: 'integer', required: true, min: 0, max: 100_000, visibleIf: { field: 'client_type', equals: 'entreprise' } },
              { id: 'address', label: 'Adresse', type: 'text', required: true },
              { id: 'postcode', label: 'NPA', type: 'text', required: true, pattern: '^[0-9]{4}$', patternMessage: 'NPA suisse à 4 chiffres.' },
              { id: 'city', label: 'Localité', type: 'text', required: true },
            ],
          },
          {
            id: 'besoins',
            title: 'Analyse des besoins',
            description: 'Environ 7 minutes.',
            fields: [
              { id: 'coverages', label: 'Couvertures souhaitées', type: 'multiselect', required: true, options: WINWIN_COVERAGES },
              {
                id: 'budget_period',
                label: 'Budget exprimé par',
                type: 'radio',
                required: false,
                options: [
                  { value: 'month', label: 'Mois' },
                  { value: 'year', label: 'Année' },
                ],
              },
              { id: 'budget', label: 'Budget d’assurance (CHF)', type: 'money', required: false, min: 0, max: 1_000_000 },
              {
                id: 'priorities',
                label: 'Vos priorités',
                type: 'multiselect',
                required: true,
                options: [
                  { value: 'prix', label: 'Prix' },
                  { value: 'couverture', label: 'Couverture' },
                  { value: 'service', label: 'Service' },
                ],
              },
              { id: 'comment', label: 'Remarques', type: 'textarea', required: false },
            ],
          },
        ],
      },
    },
    { kind: 'documents', title: 'Vos polices d’assurance actuelles', purpose: 'insurance_policy', required: false, maxFiles: 10 },
    { kind: 'recommendation', title: 'Votre analyse et votre tarif' },
    { kind: 'signature', template: 'winwin-mandate', verification: 'email_link_otp', title: 'Mandat de gestion' },
    { kind: 'payment', freeLabel: 'Activer mon mandat' },
    {
      kind: 'activation',
      numberFormat: 'WW-{year}-{seq}',
      seqDigits: 5,
      welcomeMail: {
        subject: 'Bienvenue chez WIN WIN Finance Group',
        body: [
          'Bonjour {client.name},',
          'Félicitations ! Votre mandat de gestion est maintenant actif.',
          'Récapitulatif :\n- Numéro de mandat : {mandatNumber}\n- Tarif annuel : CHF {annualPrice}.-/an\n- Date de début : {startDate}\n- Statut : ✅ Actif',
          'Accès à votre espace client :\n{clientAreaUrl}',
          'Prochaines étapes :\nOlivier Neukomm vous contactera dans les 48h pour planifier un rendez-vous de lancement.',
          'Cordialement,\nL’équipe WIN WIN Finance Group',
          '--\nWIN WIN Finance Group\nBellevue 7, 2950 Courgenay\n032 466 11 00 | contact@winwin.swiss',
        ].join('\n\n'),
      },
      ownerNotification: {
        title: 'Nouveau client payé ✅',
        body: [
          'Nouveau client WIN WIN Finance Group',
          'Client : {client.name}\nEmail : {client.email}\nTéléphone : {client.phone}\nTarif : CHF {annualPrice}.-/an\nMandat : {mandatNumber}\nFiche : {prospectUrl}',
          'Action requise :\nContacter le client dans les 48h pour planifier le rendez-vous de lancement.',
        ].join('\n\n'),
        email: 'olivier.neukomm@winwin.demo',
      },
      failedPaymentMail: {
        subject: 'Votre paiement WIN WIN Finance Group a échoué',
        body: 'Bonjour {client.name},\n\nLe paiement de votre mandat de gestion {mandatNumber} (CHF {annualPrice}.-/an) a échoué. Nous réessaierons automatiquement ; vous pouvez aussi mettre à jour votre moyen de paiement depuis votre page.\n\nL’équipe WIN WIN Finance Group',
      },
      nextSteps: ['Email de bienvenue (immédiat)', 'Rendez-vous de lancement (48h)', 'Analyse détaillée (7 jours)'],
      contact: { phone: '032 466 11 00', email: 'contact@winwin.swiss', address: 'Bellevue 7, 2950 Courgenay' },
      clientAreaUrl: 'https://erp.winwin.swiss',
    },
  ],
};
