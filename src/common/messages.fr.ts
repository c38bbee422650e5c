/**
 * The French of every error message: English message (or pattern, `{}` for each varying part, in
 * the same order in both languages) → French. Kinds and words that fill the patterns ("Watch
 * source", "French") are entries too. test/i18n-errors.e2e-spec.ts fails when a message thrown
 * under src/ has no entry here.
 */
export const FRENCH: Readonly<Record<string, string>> = {
  // Kinds named by NOT_FOUND ("{} not found") and words filling other patterns.
  Resource: 'Ressource',
  Article: 'Article',
  Calendar: 'Calendrier',
  'Calendar link': 'Lien de calendrier',
  Comment: 'Commentaire',
  Coverage: 'Couverture',
  Digest: 'Condensé',
  Event: 'Événement',
  Feed: 'Fil',
  Grant: 'Autorisation',
  Invitation: 'Invitation',
  'Join request': "Demande d'adhésion",
  Member: 'Membre',
  Node: 'Objet',
  Notification: 'Notification',
  Organization: 'Organisation',
  Partner: 'Partenaire',
  'Partner invitation': 'Invitation de partenaire',
  Revision: 'Révision',
  Route: 'Adresse',
  Session: 'Séance',
  'Source share': 'Partage de source',
  'Watch item': 'Élément de veille',
  'Watch source': 'Source de veille',
  Workspace: 'Espace de travail',
  'API token': "Jeton d'API",
  'Webhook endpoint': 'Point de terminaison de webhook',
  'Saved search': 'Recherche enregistrée',
  French: 'française',
  English: 'anglaise',
  // Mail (src/mail).
  'Mail message': 'Message',

  // Rules per shared source and full text (src/sources/rules/, src/sources/full-text-setting.service.ts).
  'Only the workspace editors may change the rules of a shared source': "Seuls les rédacteurs de l'espace de travail peuvent modifier les règles d'une source partagée",
  'Only members of the organization that owns the source may change how it is fetched': "Seuls les membres de l'organisation propriétaire de la source peuvent modifier sa récupération",
  'a REGEX rule needs a pattern': 'une règle REGEX exige une expression',
  'is not a regular expression RE2 accepts (no backreferences or lookaround)': "n'est pas une expression régulière acceptée par RE2 (ni références arrière ni assertions avant ou arrière)",
  'a words rule needs at least one word': 'une règle par mots exige au moins un mot',
  'a TAG rule needs at least one tag': 'une règle TAG exige au moins une étiquette',
  'is not a rule of this shared source': "n'est pas une règle de cette source partagée",
  'is given twice': 'est donné deux fois',

  // The defaults of src/common/errors.ts and the formatter's own (src/common/graphql-errors.ts).
  '{} not found': '{} introuvable',
  'Authentication required': 'Authentification requise',
  'You may not do this': "Vous n'avez pas le droit de faire ceci",
  'Invalid input': 'Saisie invalide',
  'Too many attempts; try again later': 'Trop de tentatives ; réessayez plus tard',
  'The service is unavailable; try again shortly': 'Le service est indisponible ; réessayez sous peu',
  'Internal server error': 'Erreur interne du serveur',
  'The request body is too large': 'Le corps de la requête est trop volumineux',
  'The request is malformed': 'La requête est mal formée',
  'must be of type {}': 'doit être de type {}',
  'is not valid': 'n’est pas valide',
  'That already exists': 'Cela existe déjà',

  // The request pipeline.
  'The query must be GraphQL text': 'La requête doit être du texte GraphQL',
  'The query costs {}; at most {} is allowed': 'La requête coûte {} ; au plus {} est permis',
  'The lists of the query hold more than {} objects; ask for fewer at once': 'Les listes de la requête contiennent plus de {} objets ; demandez-en moins à la fois',
  'The query has {} aliases; at most {} are allowed': 'La requête a {} alias ; au plus {} sont permis',
  'The hourly query budget is spent; try again later': 'Le budget horaire de requêtes est épuisé ; réessayez plus tard',
  'Send GraphQL requests as application/json': 'Envoyez les requêtes GraphQL en application/json',
  'The request body is not valid UTF-8': "Le corps de la requête n'est pas de l'UTF-8 valide",
  'The request took too long; try again shortly': 'La requête a pris trop de temps ; réessayez sous peu',
  'Too many requests in flight; try again shortly': 'Trop de requêtes en cours ; réessayez sous peu',
  'Too many requests in flight from this client; try again shortly': 'Trop de requêtes en cours de ce client ; réessayez sous peu',
  'The query is nested {} deep; at most {} is allowed': 'La requête est imbriquée sur {} niveaux ; au plus {} sont permis',
  'must name the operation to run: the query has several': 'doit nommer l’opération à exécuter : la requête en a plusieurs',
  'must name one of the operations of the query': 'doit nommer l’une des opérations de la requête',

  // Accounts.
  'A valid access token is required': "Un jeton d'accès valide est requis",
  'Invalid or expired refresh token': 'Jeton de renouvellement invalide ou expiré',
  'The metrics token is required': 'Le jeton des métriques est requis',
  'This refresh token was already used; the session is revoked': 'Ce jeton de renouvellement a déjà servi ; la session est révoquée',
  'Wrong e-mail address or password': 'Adresse courriel ou mot de passe erroné',
  'API tokens may not call this operation': "Les jetons d'API ne peuvent pas appeler cette opération",
  'An API token reads only what its operation returns': "Un jeton d'API ne lit que ce que son opération renvoie",
  'The API token lacks the scope {}': "Le jeton d'API n'a pas la portée {}",
  'An API token acts only for its own organization: name it': "Un jeton d'API n'agit que pour sa propre organisation : nommez-la",
  'must be at least {} characters long': 'doit compter au moins {} caractères',
  'must not be your e-mail address': 'ne doit pas être votre adresse courriel',

  // Verified addresses and password reset (src/auth/email-verification.service.ts, password-reset.service.ts).
  Link: 'Lien',
  'This link was sent for another account': 'Ce lien a été envoyé pour un autre compte',
  'This link can no longer be used': 'Ce lien ne peut plus servir',
  'This link was already used': 'Ce lien a déjà servi',
  'A newer link replaced this one': 'Un lien plus récent a remplacé celui-ci',
  'This link has expired': 'Ce lien est expiré',
  "The account's address changed since this link was sent": "L'adresse du compte a changé depuis l'envoi de ce lien",
  'Another account already has this e-mail address': 'Un autre compte a déjà cette adresse courriel',
  'is not your current password': "n'est pas votre mot de passe actuel",
  'is already your address': 'est déjà votre adresse',
  'Verify your e-mail address first, with the link mailed to it': "Confirmez d'abord votre adresse courriel, avec le lien qui lui a été envoyé",
  'The e-mail address is not verified yet': "L'adresse courriel n'est pas encore confirmée",
  "The e-mail address is not in one of the organization's domains": "L'adresse courriel n'est dans aucun des domaines de l'organisation",
  'This person cannot join by domain': 'Cette personne ne peut pas adhérer par son domaine',

  // MFA (src/auth/mfa).
  'MFA is already enabled on your account': 'La MFA est déjà activée sur votre compte',
  'There is no MFA enrolment to confirm: start with enrollMfa': "Il n'y a pas d'inscription à la MFA à confirmer : commencez par enrollMfa",
  'MFA is not enabled on your account': "La MFA n'est pas activée sur votre compte",
  'is wrong or was already used': 'est erroné ou a déjà servi',
  'give either a code or a recovery code': 'donnez soit un code, soit un code de récupération',
  'must be the 6 digits your authenticator app shows': "doit être les 6 chiffres qu'affiche votre application d'authentification",
  'Wrong or already used code': 'Code erroné ou déjà utilisé',
  'This sign-in challenge is invalid, expired or already used: sign in again': 'Ce défi de connexion est invalide, expiré ou déjà utilisé : reconnectez-vous',
  'MFA is required: enrol with enrollMfa and confirmMfa before acting as an admin of this organization':
    "La MFA est exigée : inscrivez-vous avec enrollMfa et confirmMfa avant d'agir comme administrateur de cette organisation",

  // Organizations.
  'An organization with this slug already exists': 'Une organisation porte déjà cet identifiant',
  'An organization must keep at least one admin': 'Une organisation doit garder au moins un administrateur',
  'You are already a member of this organization': 'Vous êtes déjà membre de cette organisation',
  'This person is already a member of the organization': "Cette personne est déjà membre de l'organisation",
  'You already asked to join this organization': 'Vous avez déjà demandé à vous joindre à cette organisation',
  'This request was already decided': 'Cette demande a déjà été tranchée',
  'This invitation was already answered': 'Il a déjà été répondu à cette invitation',
  'This invitation was sent to another e-mail address': 'Cette invitation a été envoyée à une autre adresse courriel',
  'This invitation can no longer be accepted': 'Cette invitation ne peut plus être acceptée',
  'The invitation was already used': "L'invitation a déjà servi",
  'The invitation has expired': "L'invitation a expiré",
  'The person who sent the invitation is no longer an admin of the organization':
    "La personne qui a envoyé l'invitation n'est plus administratrice de l'organisation",
  'Only an admin of the organization decides': "Seul un administrateur de l'organisation décide",
  'Only an admin of the organization may do this': "Seul un administrateur de l'organisation peut faire ceci",
  'Only members of the organization may see this': "Seuls les membres de l'organisation peuvent voir ceci",
  "Only holders of an address in one of the organization's domains may ask to join":
    "Seuls les titulaires d'une adresse dans un des domaines de l'organisation peuvent demander à s'y joindre",
  'must be an organization of the directory': "doit être une organisation de l'annuaire",
  'must be an ISO 3166-2:CA code such as CA-QC': 'doit être un code ISO 3166-2:CA comme CA-QC',
  'each must be a domain name such as quebec.ca': 'chacun doit être un nom de domaine comme quebec.ca',

  // Workspaces.
  'A workspace with this slug already exists': 'Un espace de travail porte déjà cet identifiant',
  'A workspace must keep at least one owner': 'Un espace de travail doit garder au moins un propriétaire',
  'The host organization cannot leave its own workspace': "L'organisation hôte ne peut pas quitter son propre espace de travail",
  'Only an owner may grant, change or remove the OWNER role': 'Seul un propriétaire peut accorder, changer ou retirer le rôle OWNER',
  'Only members of an active partner organization can be added': "Seuls les membres d'une organisation partenaire active peuvent être ajoutés",
  'The organization is not an active partner of this workspace': "L'organisation n'est pas une partenaire active de cet espace de travail",
  'The person is not a member of this organization': "La personne n'est pas membre de cette organisation",
  'This person is already a member of the workspace': "Cette personne est déjà membre de l'espace de travail",
  'This organization is already {}': 'Cette organisation est déjà {}',
  invited: 'invitée',
  active: 'active',
  'Your role ({}) may not do this': "Votre rôle ({}) ne permet pas de faire ceci",
  'You decide only for the organization you act for': "Vous ne décidez que pour l'organisation pour laquelle vous agissez",

  // Watch sources, items and digests.
  'This organization already watches this URL': 'Cette organisation surveille déjà cette adresse',
  'This source is already shared into this workspace': 'Cette source est déjà partagée dans cet espace de travail',
  'This source is being fetched right now; try again in a moment': 'Cette source est en cours de récupération ; réessayez dans un instant',
  'This source has no feed to fetch': "Cette source n'a pas de fil à récupérer",
  'The source has no feed URL': "La source n'a pas d'adresse de fil",
  'Only a member acting here for the organization that owns the source may share it':
    "Seul un membre qui agit ici pour l'organisation propriétaire de la source peut la partager",
  'Only members acting for the owning organization, or the workspace managers, may unshare a source':
    "Seuls les membres qui agissent pour l'organisation propriétaire, ou les gestionnaires de l'espace de travail, peuvent retirer le partage d'une source",
  'Only members of the organization that owns the source may refresh it':
    "Seuls les membres de l'organisation propriétaire de la source peuvent la rafraîchir",

  // Feed discovery (src/sources/feed-discovery.service.ts).
  'must be an http or https URL': 'doit être une adresse http ou https',
  'is an address the server does not fetch (a private or reserved address, or credentials in the URL)':
    "est une adresse que le serveur ne récupère pas (adresse privée ou réservée, ou identifiants dans l'adresse)",
  'could not be fetched': "n'a pas pu être récupérée",
  'give either a workspaceId or an organizationId': 'donnez soit un workspaceId, soit un organizationId',
  'A published digest cannot change': 'Un condensé publié ne change plus',
  'This digest is already published': 'Ce condensé est déjà publié',
  'The digest cannot be published yet': 'Le condensé ne peut pas encore être publié',
  'The introduction is missing in French': "L'introduction manque en français",
  'The introduction is missing in English': "L'introduction manque en anglais",
  'No item of the period is FEATURED': "Aucun élément de la période n'est FEATURED",
  'a digest covers at most 92 days': 'un condensé couvre au plus 92 jours',
  'must be after periodStart': 'doit être après periodStart',
  'is not a valid http(s) URL': "n'est pas une adresse http(s) valide",
  'is not an OPML document': "n'est pas un document OPML",
  'must be an http(s) URL': 'doit être une adresse http(s)',
  // Webhooks.
  'must be an absolute http or https URL': 'doit être une adresse http ou https absolue',
  'must not carry credentials': "ne doit pas contenir d'identifiants",
  'must be a public address': 'doit être une adresse publique',
  'unknown or personal event kinds: {}': "types d'événements inconnus ou personnels : {}",

  // Articles.
  'The article is already archived': "L'article est déjà archivé",
  'The article is {}': "L'article est {}",
  draft: 'à l’état de brouillon',
  'in review': 'en révision',
  approved: 'approuvé',
  published: 'publié',
  archived: 'archivé',
  'The text changed since the revision you started from': 'Le texte a changé depuis la révision dont vous êtes parti',
  'This person is already an author of the article': "Cette personne est déjà autrice de l'article",
  'This organization already has a grant from yours': 'Cette organisation a déjà une autorisation de la vôtre',
  'This grant is already revoked': 'Cette autorisation est déjà révoquée',
  'This thread is already resolved': 'Ce fil de discussion est déjà résolu',
  'Contributors comment on the articles they write': 'Les contributeurs commentent les articles auxquels ils écrivent',
  'Contributors resolve threads on the articles they write': 'Les contributeurs résolvent les fils des articles auxquels ils écrivent',
  'Only a coordinator or an author of the article adds authors': "Seul un coordonnateur ou un auteur de l'article ajoute des auteurs",
  'Only a coordinator or an owner publishes in one language': 'Seul un coordonnateur ou un propriétaire publie dans une seule langue',
  'Only an author or a coordinator submits the article': "Seul un auteur ou un coordonnateur soumet l'article",
  'Only an organization with an author on the article grants republication':
    "Seule une organisation qui a un auteur sur l'article autorise sa republication",
  "Only the article's authors write it": "Seuls les auteurs de l'article l'écrivent",
  'Only the granting organization revokes its grant': "Seule l'organisation qui l'a accordée révoque une autorisation",
  'Only the lead author, a coordinator or an owner archives': 'Seul l’auteur principal, un coordonnateur ou un propriétaire archive',
  'Only the lead author, a coordinator or an owner changes who sees the article':
    "Seul l'auteur principal, un coordonnateur ou un propriétaire change qui voit l'article",
  'Only the lead author, a coordinator or an owner publishes': "Seul l'auteur principal, un coordonnateur ou un propriétaire publie",
  'You lead an article for the organization you act for in this workspace':
    "Vous dirigez un article pour l'organisation pour laquelle vous agissez dans cet espace de travail",
  'The article cannot be published yet': "L'article ne peut pas encore être publié",
  'The article cannot be submitted yet': "L'article ne peut pas encore être soumis",
  'The article is archived': "L'article est archivé",
  'The article is not in review': "L'article n'est pas en révision",
  'The article is not published': "L'article n'est pas publié",
  'The article has no text yet': "L'article n'a pas encore de texte",
  'The article has not been submitted for review': "L'article n'a pas été soumis à la révision",
  'This exact text is already published': 'Ce texte exact est déjà publié',
  'The {} version is missing': 'La version {} manque',
  'The {} version is behind a later change in {}': 'La version {} est en retard sur une modification ultérieure de la version {}',
  'The approval of {} is stale: the text changed since': "L'approbation de {} est périmée : le texte a changé depuis",
  '{} has not approved the current text': "{} n'a pas approuvé le texte actuel",
  'This organization has no say on this article': "Cette organisation n'a pas voix au chapitre sur cet article",
  'The organization has no author on the article': "L'organisation n'a pas d'auteur sur l'article",
  'This person cannot write for this organization here': 'Cette personne ne peut pas écrire pour cette organisation ici',
  'This person cannot write here': 'Cette personne ne peut pas écrire ici',
  'An author must be a member of the workspace acting for the organization they write for':
    "Un auteur doit être membre de l'espace de travail et y agir pour l'organisation pour laquelle il écrit",
  'An author must be able to write; observers only read': 'Un auteur doit pouvoir écrire ; les observateurs ne font que lire',
  'Replies are resolved with their thread': 'Les réponses sont résolues avec leur fil',
  'Resolve the first comment of the thread': 'Résolvez le premier commentaire du fil',
  'a new thread is anchored to a revision': "un nouveau fil s'ancre à une révision",
  'a new thread quotes the passage it is about': 'un nouveau fil cite le passage dont il traite',
  'an article has one lead author, its creator': 'un article a un seul auteur principal, son créateur',
  'an organization does not grant itself': "une organisation ne s'accorde pas d'autorisation à elle-même",
  'must be a passage of the revision, quoted exactly': 'doit être un passage de la révision, cité exactement',
  'must be a revision of the other language': "doit être une révision de l'autre langue",
  'there is no {} revision {}': "il n'y a pas de révision {} numéro {}",
  // Republication (src/articles/republication.service.ts).
  'You republish under a grant to the organization you act for in this workspace':
    "Vous republiez en vertu d'une autorisation accordée à l'organisation pour laquelle vous agissez dans cet espace de travail",
  'The grant is revoked': "L'autorisation est révoquée",
  'The article cannot be republished': "L'article ne peut pas être republié",
  'Only a public article is republished': 'Seul un article public est republié',
  'This grant was already used to republish the article in this workspace':
    "Cette autorisation a déjà servi à republier l'article dans cet espace de travail",
  'The article is a republication': "L'article est une republication",
  "A republication keeps its original's text and is not granted further":
    "Une republication garde le texte de l'original et n'est pas autorisée à son tour",

  // Events and coverage.
  'The event is cancelled': "L'événement est annulé",
  'A cancelled event no longer changes': 'Un événement annulé ne change plus',
  'A coverage cannot go from {} to {}': 'Une couverture ne peut pas passer de {} à {}',
  'The coverage is {}': 'La couverture est {}',
  'A {} coverage no longer changes': 'Une couverture {} ne change plus',
  'A deliverable is recorded once the work is in progress': 'Un livrable est enregistré une fois le travail commencé',
  'A {} cannot cover': 'Un {} ne peut pas couvrir',
  'The assignee must be a contributor, an editor, a coordinator or an owner':
    'La personne assignée doit être contributrice, éditrice, coordonnatrice ou propriétaire',
  'There is no assignment to answer': "Il n'y a pas d'assignation à laquelle répondre",
  'There is nothing delivered yet': "Rien n'a encore été livré",
  'A filed or published coverage names its deliverable: an article or a URL':
    'Une couverture déposée ou publiée nomme son livrable : un article ou une adresse',
  'This person cannot cover for this organization here': 'Cette personne ne peut pas couvrir pour cette organisation ici',
  'The assignee must be a member of the workspace acting for that organization':
    "La personne assignée doit être membre de l'espace de travail et y agir pour cette organisation",
  'Only its assignee, a coordinator or an owner updates a coverage': 'Seuls la personne assignée, un coordonnateur ou un propriétaire modifient une couverture',
  'Only the assignee answers an assignment': 'Seule la personne assignée répond à une assignation',
  'Only {} takes a coverage from {} to {}': 'Seul {} fait passer une couverture de {} à {}',
  '{} or {}': '{} ou {}',
  'a coordinator or an owner': 'un coordonnateur ou un propriétaire',
  'its assignee': 'la personne assignée',
  'the publication of its article': 'la publication de son article',
  'a coverage delivers either an article or a URL': 'une couverture livre soit un article, soit une adresse',
  'a session lies within its event': "une séance se tient pendant son événement",
  'assign with assignCoverage; the assignee accepts with respondToAssignment':
    "assignez avec assignCoverage ; la personne assignée accepte avec respondToAssignment",
  'must be after startsAt': 'doit être après startsAt',
  'must be an IANA time zone such as America/Toronto': 'doit être un fuseau horaire IANA comme America/Toronto',
  'must be an article of the same workspace': "doit être un article du même espace de travail",
  'must be an instant or a wall-clock time': 'doit être un instant ou une heure locale',
  'the event must still contain its sessions': "l'événement doit encore contenir ses séances",

  // Notifications (src/notifications, src/activity).
  'must be a notification kind': 'doit être un type de notification',
  'This unsubscribe link is not valid': "Ce lien de désabonnement n'est pas valide",

  // Live updates (src/realtime).
  'Too many subscriptions on this connection': 'Trop d’abonnements sur cette connexion',
  'Complete a subscription before starting another': 'Terminez un abonnement avant d’en commencer un autre',
  'must be kinds of the activity stream': 'doit être des types du flux d’activité',
  'is not an event of the replay window: subscribe without it and reload': 'n’est pas un événement de la fenêtre de reprise : abonnez-vous sans lui et rechargez',

  // Search (src/search).
  'must name a word to find, not only words to leave out': 'doit nommer un mot à trouver, pas seulement des mots à écarter',

  // Pagination (src/common/pagination.ts).
  'is not a cursor from this list': "n'est pas un curseur de cette liste",
  'cannot be combined with first or after: page forward or backward': 'ne se combine pas avec first ou after : paginez vers l’avant ou vers l’arrière',

  // Text rules (src/common/text-hygiene.ts).
  'must be valid Unicode text (it has an unpaired surrogate)': 'doit être du texte Unicode valide (il contient un demi-codet isolé)',
  'must not contain control characters': 'ne doit pas contenir de caractères de contrôle',
  'must be one line, without tabs': 'doit tenir sur une ligne, sans tabulation',
  'must not contain bidirectional control characters': 'ne doit pas contenir de caractères de contrôle bidirectionnel',

  // class-validator's messages, for the decorators the inputs use ("{}" is the field).
  '{} must be an array': '{} doit être une liste',
  '{} must be a boolean value': '{} doit être une valeur booléenne',
  '{} must be a Date instance': '{} doit être une date',
  '{} must be one of the following values: {}': "{} doit être l'une des valeurs suivantes : {}",
  '{} must be an integer number': '{} doit être un nombre entier',
  '{} should not be empty': '{} ne doit pas être vide',
  '{} must be a string': '{} doit être une chaîne de caractères',
  '{} must be a UUID': '{} doit être un UUID',
  '{} must match {} regular expression': "{} doit correspondre à l'expression régulière {}",
  '{} must not be greater than {}': '{} ne doit pas dépasser {}',
  '{} must not be less than {}': '{} ne doit pas être inférieur à {}',
  '{} must be shorter than or equal to {} characters': '{} doit compter au plus {} caractères',
  '{} must be longer than or equal to {} characters': '{} doit compter au moins {} caractères',
  '{} must contain no more than {} elements': '{} doit contenir au plus {} éléments',
  '{} must be an email': '{} doit être une adresse courriel',
  '{} must be a URL address': '{} doit être une adresse URL',
  'each value in {}': 'chaque valeur de {}',
  'nested property {} must be either object or array': 'la propriété imbriquée {} doit être un objet ou une liste',

  // GraphQL's refusals of a query before it runs: the fields it names (src/common/query-input-errors.ts)
  // and its own messages, names quoted ("{}") as written.
  '{} is required': '{} est obligatoire',
  '{} is not a valid value': "{} n'est pas une valeur valide",
  '{} is unknown': '{} est inconnu',
  // The DateTime scalar's own (src/graphql/date-time.scalar.ts), worded as graphql-js words a scalar's.
  'DateTime cannot represent this value: it must be a date and time with its offset from UTC, such as 2026-12-01T15:00:00Z or 2026-12-01T10:00:00-05:00':
    'DateTime ne peut pas représenter cette valeur : il faut une date et une heure avec leur décalage par rapport à UTC, comme 2026-12-01T15:00:00Z ou 2026-12-01T10:00:00-05:00',
  'Syntax Error: {}': 'Erreur de syntaxe : {}',
  'Cannot query field "{}" on type "{}".': `Le champ "{}" n'existe pas dans le type "{}".`,
  'Field "{}" must not have a selection since type "{}" has no subfields.': `Le champ "{}" ne prend pas de sélection : le type "{}" n'a pas de sous-champs.`,
  'Field "{}" of type "{}" must have a selection of subfields.': 'Le champ "{}" de type "{}" demande une sélection de sous-champs.',
  'Unknown type "{}".': 'Type "{}" inconnu.',
  'Unknown fragment "{}".': 'Fragment "{}" inconnu.',
  'Fragment "{}" is never used.': `Le fragment "{}" n'est jamais utilisé.`,
  'Variable "{}" is never used.': `La variable "{}" n'est jamais utilisée.`,
  'Variable "{}" is not defined.': `La variable "{}" n'est pas définie.`,
  '{} Did you mean {}?': '{} Vouliez-vous dire {} ?',
};
