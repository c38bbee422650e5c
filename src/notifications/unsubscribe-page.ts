import { NotificationKind, UnsubscribeScope } from '../activity';
import { html } from '../mail';
import { KIND_NAMES } from './notification-words';

/** What a link stops, in both languages. */
function whatStops(scope: UnsubscribeScope): { fr: string; en: string } {
  if (!scope.kind) return { fr: 'le résumé quotidien de vos notifications', en: 'the daily digest of your notifications' };
  const kind = KIND_NAMES[scope.kind as NotificationKind];
  const where = scope.workspaceId ? { fr: ' de cet espace de travail', en: ' of this workspace' } : { fr: '', en: '' };
  return { fr: `les courriels pour les ${kind.fr}${where.fr}`, en: `e-mail for ${kind.en}${where.en}` };
}

/**
 * The page a person reaches by following an unsubscribe link: it asks, in both languages, and
 * only its form (a POST to the same address, as a mail client's one-click does) changes anything.
 */
export function confirmationPage(scope: UnsubscribeScope, action: string): string {
  const stops = whatStops(scope);
  return html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Se désabonner · Unsubscribe</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em; margin: 2em auto; padding: 0 1em">
<form method="post" action="${action}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<p>Ne plus recevoir ${stops.fr} ? Les notifications restent dans Tandem.</p>
<p lang="en">Stop ${stops.en}? Notifications stay in Tandem.</p>
<p><button type="submit">Se désabonner · <span lang="en">Unsubscribe</span></button></p>
</form>
</body>
</html>
`.markup;
}

/** The answer once it is done, in both languages. */
export function unsubscribedPage(scope: UnsubscribeScope): string {
  const stops = whatStops(scope);
  return html`<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Désabonnement fait · Unsubscribed</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em; margin: 2em auto; padding: 0 1em">
<p>C’est fait : vous ne recevrez plus ${stops.fr}. Vos préférences de notification le changent à nouveau.</p>
<p lang="en">Done: you will no longer receive ${stops.en}. Your notification preferences change it back.</p>
</body>
</html>
`.markup;
}
