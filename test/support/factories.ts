import { randomBytes } from 'node:crypto';
import { TestApp, ok } from './harness';

export const PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  refreshToken: string;
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomBytes(2).toString('hex')}`;

export async function registerUser(
  app: TestApp,
  overrides: { email?: string; displayName?: string; domain?: string; preferredLanguage?: 'fr' | 'en' } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `person-${unique()}@${overrides.domain ?? 'example.gc.ca'}`;
  const data = ok(
    await app.graphql(
      `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`,
      // Error messages follow the user's language: tests read them in English unless they ask for French.
      { input: { email, password: PASSWORD, displayName: overrides.displayName ?? `Person ${counter}`, preferredLanguage: overrides.preferredLanguage ?? 'en' } },
    ),
  );
  return { id: data.register.user.id, email, token: data.register.accessToken, refreshToken: data.register.refreshToken };
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

/** Makes `user` a member of `organization` the way people do: invited by an admin, then accepting. */
export async function addOrganizationMember(
  app: TestApp,
  admin: TestUser,
  organization: TestOrganization,
  user: TestUser,
  role: 'ADMIN' | 'MEMBER' = 'MEMBER',
): Promise<void> {
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
