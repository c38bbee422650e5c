import { html, MailLanguage, MailTemplate, RenderedMail } from '../../mail';

export const ACCOUNT_TEMPLATE = {
  verifyEmail: 'account.verify_email',
  registrationAttempt: 'account.registration_attempt',
  passwordReset: 'account.password_reset',
  emailChangeRequested: 'account.email_change_requested',
} as const;

interface LinkParams {
  /** Erased by the outbox once the message is sent: a later web view shows no link. */
  secretToken?: string;
  expiresAt: string;
}

export const hello = (name: string | null | undefined, language: MailLanguage) =>
  language === 'fr' ? (name ? `Bonjour ${name},` : 'Bonjour,') : name ? `Hello ${name},` : 'Hello,';

/** When a link stops working, in UTC: the message does not know the reader's time zone. */
export const until = (iso: string, language: MailLanguage) =>
  `${new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

/** What a web view shows in place of a link whose token the outbox erased once the message was sent. */
const LINK_SENT = { fr: 'Le lien se trouve dans le message que vous avez reçu.', en: 'The link is in the message you received.' };

/**
 * A message of paragraphs, the same in text and HTML; `link` is set off on a line of its own
 * after the second paragraph (a string: the link is gone, this says where it is).
 */
export function message(subject: string, paragraphs: string[], link?: { url: string; label: string } | string): RenderedMail {
  const linkText = link === undefined ? [] : [typeof link === 'string' ? link : `${link.label}:\n${link.url}`];
  const linkHtml = link === undefined ? '' : typeof link === 'string' ? html`<p>${link}</p>` : html`<p><a href="${link.url}">${link.label}</a></p>`;
  return {
    subject,
    text: [...paragraphs.slice(0, 2), ...linkText, ...paragraphs.slice(2)].join('\n\n'),
    html: html`${paragraphs.slice(0, 2).map((paragraph) => html`<p>${paragraph}</p>`)}${linkHtml}${paragraphs.slice(2).map((paragraph) => html`<p>${paragraph}</p>`)}`,
  };
}

/** The four account mails, their links under `base` (PUBLIC_URL). */
export function accountTemplates(base: string): MailTemplate<any>[] {
  const linkTo = (page: string, token: string | undefined) => (token ? `${base}/account/${page}?token=${encodeURIComponent(token)}` : undefined);

  const verifyEmail: MailTemplate<LinkParams & { displayName?: string }> = {
    name: ACCOUNT_TEMPLATE.verifyEmail,
    async build(params, recipient, language) {
      const url = linkTo('verify-email', params.secretToken);
      const fr = language === 'fr';
      return message(
        fr ? 'Confirmez votre adresse courriel' : 'Confirm your e-mail address',
        [
          hello(params.displayName ?? recipient.displayName, language),
          fr
            ? `Pour confirmer que l'adresse ${recipient.address} est bien la vôtre, ouvrez ce lien une fois connecté à Tandem, avant le ${until(params.expiresAt, language)}.`
            : `To confirm that ${recipient.address} is yours, open this link while signed in to Tandem, before ${until(params.expiresAt, language)}.`,
          fr
            ? "Si vous n'avez rien demandé, ignorez ce message : rien ne change."
            : 'If you did not ask for this, ignore this message: nothing changes.',
        ],
        url ? { url, label: fr ? 'Confirmer mon adresse' : 'Confirm my address' } : LINK_SENT[language],
      );
    },
  };

  const registrationAttempt: MailTemplate<Record<string, never>> = {
    name: ACCOUNT_TEMPLATE.registrationAttempt,
    async build(_params, recipient, language) {
      const fr = language === 'fr';
      return message(
        fr ? "Quelqu'un a tenté de créer un compte avec votre adresse" : 'Someone tried to register with your address',
        [
          hello(recipient.displayName, language),
          fr
            ? `Quelqu'un a tenté d'utiliser l'adresse ${recipient.address}, qui est déjà celle de votre compte Tandem, pour un autre compte. Votre compte n'a pas changé.`
            : `Someone tried to use ${recipient.address}, which already belongs to your Tandem account, for another account. Your account is unchanged.`,
          fr
            ? "Si c'était vous, connectez-vous, ou réinitialisez votre mot de passe si vous l'avez oublié. Sinon, ignorez ce message."
            : 'If it was you, sign in, or reset your password if you forgot it. Otherwise, ignore this message.',
        ],
        { url: `${base}/account/reset-password`, label: fr ? 'Réinitialiser mon mot de passe' : 'Reset my password' },
      );
    },
  };

  const passwordReset: MailTemplate<LinkParams> = {
    name: ACCOUNT_TEMPLATE.passwordReset,
    async build(params, recipient, language) {
      const url = linkTo('reset-password', params.secretToken);
      const fr = language === 'fr';
      return message(
        fr ? 'Réinitialisez votre mot de passe' : 'Reset your password',
        [
          hello(recipient.displayName, language),
          fr
            ? `Pour choisir un nouveau mot de passe, ouvrez ce lien avant le ${until(params.expiresAt, language)}. Il ne sert qu'une fois et ferme toutes vos séances.`
            : `To choose a new password, open this link before ${until(params.expiresAt, language)}. It works once and ends all your sessions.`,
          fr
            ? "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas."
            : 'If you did not ask for this, ignore this message: your password stays as it is.',
        ],
        url ? { url, label: fr ? 'Choisir un nouveau mot de passe' : 'Choose a new password' } : LINK_SENT[language],
      );
    },
  };

  const emailChangeRequested: MailTemplate<{ newEmail: string; displayName?: string }> = {
    name: ACCOUNT_TEMPLATE.emailChangeRequested,
    async build(params, recipient, language) {
      const fr = language === 'fr';
      return message(fr ? 'Changement de votre adresse courriel' : 'Your e-mail address is being changed', [
        hello(params.displayName ?? recipient.displayName, language),
        fr
          ? `Quelqu'un connecté à votre compte Tandem a demandé de remplacer ${recipient.address} par ${params.newEmail}. Le changement n'aura lieu que lorsqu'il sera confirmé depuis la nouvelle adresse ; d'ici là, ${recipient.address} reste celle du compte.`
          : `Someone signed in to your Tandem account asked to replace ${recipient.address} with ${params.newEmail}. The change happens only once confirmed from the new address; until then, ${recipient.address} stays the account's.`,
        fr
          ? "Si ce n'était pas vous, réinitialisez votre mot de passe : cela ferme toutes les séances du compte."
          : 'If it was not you, reset your password: that ends every session of the account.',
      ]);
    },
  };

  return [verifyEmail, registrationAttempt, passwordReset, emailChangeRequested];
}
