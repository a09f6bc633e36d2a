import { defineMailTemplate } from '../platform/mail/templates.ts';

export const passwordResetTemplate = defineMailTemplate<{ name: string; url: string; minutes: number }>({
  name: 'identity.password-reset',
  fr: (d) => ({
    subject: 'Réinitialisation de votre mot de passe Comptoir',
    paragraphs: [
      `Bonjour ${d.name},`,
      `Une réinitialisation de mot de passe a été demandée pour votre compte. Ce lien est valable ${d.minutes} minutes et ne sert qu’une fois.`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ],
    action: { label: 'Choisir un nouveau mot de passe', url: d.url },
  }),
  en: (d) => ({
    subject: 'Reset your Comptoir password',
    paragraphs: [
      `Hello ${d.name},`,
      `A password reset was requested for your account. This link is valid for ${d.minutes} minutes and works once.`,
      'If you did not ask for it, ignore this message: your password stays the same.',
    ],
    action: { label: 'Choose a new password', url: d.url },
  }),
});

export const invitationTemplate = defineMailTemplate<{ name: string; inviter: string; workspace: string; role: string; url: string; days: number }>({
  name: 'identity.invitation',
  fr: (d) => ({
    subject: `Invitation à rejoindre ${d.workspace} sur Comptoir`,
    paragraphs: [
      `Bonjour ${d.name},`,
      `${d.inviter} vous invite à rejoindre l’espace « ${d.workspace} » avec le rôle ${d.role}.`,
      `Choisissez votre mot de passe pour activer votre compte (lien valable ${d.days} jours).`,
    ],
    action: { label: 'Activer mon compte', url: d.url },
  }),
  en: (d) => ({
    subject: `You are invited to ${d.workspace} on Comptoir`,
    paragraphs: [
      `Hello ${d.name},`,
      `${d.inviter} invites you to the “${d.workspace}” workspace as ${d.role}.`,
      `Choose your password to activate your account (link valid for ${d.days} days).`,
    ],
    action: { label: 'Activate my account', url: d.url },
  }),
});

export const emailVerificationTemplate = defineMailTemplate<{ name: string; url: string }>({
  name: 'identity.email-verification',
  fr: (d) => ({
    subject: 'Confirmez votre adresse e-mail',
    paragraphs: [`Bonjour ${d.name},`, 'Confirmez que cette adresse est bien la vôtre.'],
    action: { label: 'Confirmer mon adresse', url: d.url },
  }),
  en: (d) => ({
    subject: 'Confirm your email address',
    paragraphs: [`Hello ${d.name},`, 'Please confirm that this address is yours.'],
    action: { label: 'Confirm my address', url: d.url },
  }),
});

export const accountDisabledTemplate = defineMailTemplate<{ name: string; days: number }>({
  name: 'identity.account-disabled-inactivity',
  fr: (d) => ({
    subject: 'Votre compte Comptoir a été désactivé',
    paragraphs: [
      `Bonjour ${d.name},`,
      `Votre compte n’a pas été utilisé depuis ${d.days} jours : il a été désactivé par mesure de sécurité.`,
      'Demandez à l’administrateur de votre espace de le réactiver si vous en avez encore besoin.',
    ],
  }),
  en: (d) => ({
    subject: 'Your Comptoir account was disabled',
    paragraphs: [
      `Hello ${d.name},`,
      `Your account was not used for ${d.days} days and has been disabled for security.`,
      'Ask your workspace administrator to enable it again if you still need it.',
    ],
  }),
});
