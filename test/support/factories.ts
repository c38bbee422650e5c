import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../src/config/config';
import { MailSecrets } from '../../src/mail/mail-secrets';
import { TestApp, ok } from './harness';
import { Mailbox } from './mailbox';

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
  /** Set once `verifyEmail` has confirmed the address (joining organizations needs it). */
  emailVerified?: boolean;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function registerUser(
  app: TestApp,
  overrides: { email?: string; displayName?: string; domain?: string; preferredLanguage?: 'fr' | 'en' } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `person-${unique()}@${overrides.domain ?? 'example.gc.ca'}`;
  ok(
    await app.graphql(
      `mutation($input: RegisterInput!) { register(input: $input) }`,
      // Error messages follow the user's language: tests read them in English unless they ask for French.
      { input: { email, password: PASSWORD, displayName: overrides.displayName ?? `Person ${counter}`, preferredLanguage: overrides.preferredLanguage ?? 'en' } },
    ),
  );
  // Registering signs nobody in (it answers the same whether or not the address was taken): people sign in next.
  const session = ok(
    await app.graphql(`mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }`, { input: { email, password: PASSWORD } }),
  ).login;
  return { id: session.user.id, email, token: session.accessToken, refreshToken: session.refreshToken };
}

/**
 * The token of the latest verification link mailed to `email`, as its holder reads it: from the
 * test's SMTP mailbox when the app sends mail, else from the outbox, where it waits unsent (and
 * readable, as `npm run mail:list` shows it) when there is no SMTP_URL.
 */
export async function verificationToken(app: TestApp, email: string, mailbox?: Mailbox): Promise<string> {
  if (mailbox) {
    const mail = await mailbox.next({ to: email, subject: /Confirm your e-mail address|Confirmez votre adresse courriel/ });
    return new URL(/https?:\/\/\S+\/account\/verify-email\?token=\S+/.exec(mail.text)![0]).searchParams.get('token')!;
  }
  // Sent, the message no longer holds its token: reading the outbox would race the sender.
  if (app.app.get(AppConfig).SMTP_URL) throw new Error(`The app sends mail: give verifyEmail the mailbox it sends to`);
  const [message]: { params: Record<string, unknown>; idempotencyKey: string }[] = await app.dataSource.query(
    `SELECT params, idempotency_key AS "idempotencyKey" FROM outbound_message WHERE address = $1 AND template = 'account.verify_email' ORDER BY created_at DESC LIMIT 1`,
    [email.toLowerCase()],
  );
  // Sealed while it waits: opened as the mail module opens it to build the message.
  const token = message && app.app.get(MailSecrets).open(message.idempotencyKey, message.params).secretToken;
  if (typeof token !== 'string') throw new Error(`No verification link for ${email} in the outbox`);
  return token;
}

/** Confirms `user`'s address the way people do: with the link of the verification message. Needed to join organizations. */
export async function verifyEmail(app: TestApp, user: TestUser, mailbox?: Mailbox): Promise<TestUser> {
  if (user.emailVerified) return user;
  const token = await verificationToken(app, user.email, mailbox);
  ok(await app.graphql(`mutation($input: VerifyEmailInput!) { verifyEmail(input: $input) { id } }`, { input: { token } }, { token: user.token }));
  user.emailVerified = true;
  return user;
}

export interface TestOrganization {
  id: string;
  slug: string;
}

export async function createOrganization(
  app: TestApp,
  admin: TestUser,
  overrides: Record<string, unknown> = {},
): Promise<TestOrganization> {
  const slug = `org-${unique()}`;
  const data = ok(
    await app.graphql(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id slug } }`,
      {
        input: {
          slug,
          name: { fr: `Organisme ${slug}`, en: `Organization ${slug}` },
          jurisdiction: 'FEDERAL',
          ...overrides,
        },
      },
      { token: admin.token },
    ),
  );
  return data.createOrganization;
}

/**
 * Makes `user` a member of `organization` the way people do: invited by an admin, then accepting,
 * once their address is verified (see verifyEmail; an app sending mail needs its `mailbox`).
 */
export async function addOrganizationMember(
  app: TestApp,
  admin: TestUser,
  organization: TestOrganization,
  user: TestUser,
  role: 'ADMIN' | 'MEMBER' = 'MEMBER',
  mailbox?: Mailbox,
): Promise<void> {
  await verifyEmail(app, user, mailbox);
  const invitation = ok(
    await app.graphql(
      `mutation($input: InviteToOrganizationInput!) { inviteToOrganization(input: $input) { token } }`,
      { input: { organizationId: organization.id, email: user.email, role } },
      { token: admin.token },
    ),
  );
  ok(
    await app.graphql(
      `mutation($input: AcceptOrganizationInvitationInput!) { acceptOrganizationInvitation(input: $input) { role } }`,
      { input: { token: invitation.inviteToOrganization.token } },
      { token: user.token },
    ),
  );
}
