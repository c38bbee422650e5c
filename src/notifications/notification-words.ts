import { NotificationKind } from '../activity';
import { LocalizedText } from '../common/localized-text';
import { mailDate, MailLanguage } from '../mail';

/** What each kind of notification is called in the messages (and the confirmation page), in both languages. */
export const KIND_NAMES: Record<NotificationKind, LocalizedText> = {
  [NotificationKind.reviewRequested]: { fr: 'demandes de révision', en: 'review requests' },
  [NotificationKind.approvalGiven]: { fr: 'approbations', en: 'approvals' },
  [NotificationKind.approvalWithdrawn]: { fr: 'demandes de changements', en: 'change requests' },
  [NotificationKind.articlePublished]: { fr: 'articles publiés', en: 'published articles' },
  [NotificationKind.mention]: { fr: 'mentions', en: 'mentions' },
  [NotificationKind.savedSearchMatched]: { fr: 'alertes de recherche', en: 'search alerts' },
  [NotificationKind.coverageAssigned]: { fr: 'affectations', en: 'assignments' },
  [NotificationKind.coverageUnassigned]: { fr: 'affectations retirées', en: 'assignments taken back' },
  [NotificationKind.coverageAccepted]: { fr: 'affectations acceptées', en: 'accepted assignments' },
  [NotificationKind.coverageDeclined]: { fr: 'affectations refusées', en: 'declined assignments' },
  [NotificationKind.coverageCancelled]: { fr: 'couvertures annulées', en: 'cancelled coverage' },
  [NotificationKind.coverageDueSoon]: { fr: 'échéances de couverture', en: 'coverage due soon' },
  [NotificationKind.digestPublished]: { fr: 'condensés publiés', en: 'published digests' },
  [NotificationKind.partnerInvited]: { fr: 'invitations de partenaires', en: 'partner invitations' },
  [NotificationKind.webhookDisabled]: { fr: 'webhooks désactivés', en: 'disabled webhooks' },
};

/** A digest's local day (YYYY-MM-DD) as people write it: midnight UTC of that date, which mailDate writes in UTC. */
const digestDate = (day: string, language: MailLanguage) => mailDate(new Date(`${day}T00:00:00Z`), language);

export const WORDS = {
  fr: {
    inWorkspace: (name: string) => `Espace de travail : ${name}`,
    immediateWhy: (kind: string) => `Vous recevez ce courriel parce que les ${kind} vous sont envoyées dès qu’elles arrivent. Vos préférences de notification le changent.`,
    stopKind: (kind: string) => `Ne plus recevoir de courriel pour les ${kind}`,
    digestSubject: (day: string, count: number) => `Votre résumé Tandem du ${digestDate(day, 'fr')} : ${count} notification${count > 1 ? 's' : ''}`,
    digestIntro: (day: string) => `Ce qui vous attend dans Tandem, en date du ${digestDate(day, 'fr')} :`,
    digestWhy: 'Vous recevez ce résumé une fois par jour, les jours où il y a du nouveau. Vos préférences de notification le changent.',
  },
  en: {
    inWorkspace: (name: string) => `Workspace: ${name}`,
    immediateWhy: (kind: string) => `You receive this e-mail because ${kind} are sent to you as they happen. Your notification preferences change that.`,
    stopKind: (kind: string) => `Stop e-mail for ${kind}`,
    digestSubject: (day: string, count: number) => `Your Tandem digest for ${digestDate(day, 'en')}: ${count} notification${count > 1 ? 's' : ''}`,
    digestIntro: (day: string) => `What awaits you in Tandem, as of ${digestDate(day, 'en')}:`,
    digestWhy: 'You receive this digest once a day, on days with something new. Your notification preferences change that.',
  },
} as const;
