import { MailLanguage, MailTemplate } from '../../mail';
import { hello, message, until as inUtc } from './account-templates';

export const MFA_TEMPLATE = {
  enabled: 'mfa.enabled',
  disabled: 'mfa.disabled',
  recoveryCodeUsed: 'mfa.recovery_code_used',
} as const;

interface ChangeParams {
  /** When it happened, ISO 8601. */
  at: string;
}

/** What to do about a change one did not make: it means someone else holds the password. */
const ifNotYou = (base: string, language: MailLanguage) =>
  language === 'fr'
    ? {
        paragraph:
          "Si ce n'était pas vous, quelqu'un connaît votre mot de passe : réinitialisez-le sans attendre (cela ferme toutes les séances du compte) et prévenez l'administrateur de votre organisation.",
        link: { url: `${base}/account/reset-password`, label: 'Réinitialiser mon mot de passe' },
      }
    : {
        paragraph: "If it was not you, someone knows your password: reset it at once (that ends every session of the account) and tell your organization's administrator.",
        link: { url: `${base}/account/reset-password`, label: 'Reset my password' },
      };

/**
 * The security notices of the second factor, to the account's address: it was turned on, turned
 * off, or a recovery code was used. None carries a secret; each says what to do if it was not you.
 */
export function mfaTemplates(base: string): MailTemplate<any>[] {
  const enabled: MailTemplate<ChangeParams> = {
    name: MFA_TEMPLATE.enabled,
    async build({ at }, recipient, language) {
      const fr = language === 'fr';
      const notYou = ifNotYou(base, language);
      return message(
        fr ? 'La validation en deux étapes est activée sur votre compte' : 'Two-step verification is now on for your account',
        [
          hello(recipient.displayName, language),
          fr
            ? `Le ${inUtc(at, language)}, la validation en deux étapes (MFA) a été activée sur votre compte Tandem ${recipient.address}. Vos autres séances ont été fermées ; se connecter demande désormais un code de l'application d'authentification.`
            : `On ${inUtc(at, language)}, two-step verification (MFA) was turned on for your Tandem account ${recipient.address}. Your other sessions were ended; signing in now takes a code from the authenticator app.`,
          notYou.paragraph,
        ],
        notYou.link,
      );
    },
  };

  const disabled: MailTemplate<ChangeParams> = {
    name: MFA_TEMPLATE.disabled,
    async build({ at }, recipient, language) {
      const fr = language === 'fr';
      const notYou = ifNotYou(base, language);
      return message(
        fr ? 'La validation en deux étapes est désactivée sur votre compte' : 'Two-step verification is now off for your account',
        [
          hello(recipient.displayName, language),
          fr
            ? `Le ${inUtc(at, language)}, la validation en deux étapes (MFA) a été désactivée sur votre compte Tandem ${recipient.address}. Vos autres séances ont été fermées ; se connecter ne demande plus que le mot de passe.`
            : `On ${inUtc(at, language)}, two-step verification (MFA) was turned off for your Tandem account ${recipient.address}. Your other sessions were ended; signing in now takes the password only.`,
          notYou.paragraph,
        ],
        notYou.link,
      );
    },
  };

  const recoveryCodeUsed: MailTemplate<ChangeParams & { remaining: number }> = {
    name: MFA_TEMPLATE.recoveryCodeUsed,
    async build({ at, remaining }, recipient, language) {
      const fr = language === 'fr';
      const notYou = ifNotYou(base, language);
      return message(
        fr ? 'Un code de récupération a été utilisé' : 'A recovery code was used',
        [
          hello(recipient.displayName, language),
          fr
            ? `Le ${inUtc(at, language)}, un code de récupération a servi de deuxième étape sur votre compte Tandem ${recipient.address}. Il ne servira plus ; il vous en reste ${remaining}.`
            : `On ${inUtc(at, language)}, a recovery code was used as the second step on your Tandem account ${recipient.address}. It will not work again; ${remaining} remain.`,
          notYou.paragraph,
        ],
        notYou.link,
      );
    },
  };

  return [enabled, disabled, recoveryCodeUsed];
}
