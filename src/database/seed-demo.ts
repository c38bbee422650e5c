import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import { EmailVerificationService, RegistrationService, UsersService } from '../auth';
import { Actor } from '../common/request-context';
import { Language } from '../common/localized-text';
import { loadConfig } from '../config/config';
import { Jurisdiction, OrganizationMembershipService, OrganizationsService } from '../organizations';
import { WorkspaceMembershipService, WorkspaceRole, WorkspacesService } from '../workspaces';

/** Everyone's demo password (it meets the password policy). */
export const DEMO_PASSWORD = 'tandem-demo-2026';

const PEOPLE = [
  { email: 'patrick.parent@egouv.quebec', displayName: 'Patrick Parent', preferredLanguage: Language.fr },
  { email: 'sophie.tremblay@egouv.quebec', displayName: 'Sophie Tremblay', preferredLanguage: Language.fr },
  { email: 'kema.joseph@cco-bcc.gc.ca', displayName: 'Kema Joseph', preferredLanguage: Language.en },
  { email: 'alex.martin@cco-bcc.gc.ca', displayName: 'Alex Martin', preferredLanguage: Language.en },
];

/**
 * A small demo world, loaded through the services so every rule applies: E-Gouv Québec and the
 * Communications Community Office, two members each, and a shared workspace. Running it again
 * changes nothing.
 */
async function main(): Promise<void> {
  const app = await createApp(loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }));
  const registration = app.get(RegistrationService);
  const verification = app.get(EmailVerificationService);
  const users = app.get(UsersService);
  const dataSource = app.get(DataSource);
  const organizations = app.get(OrganizationsService);
  const organizationMembership = app.get(OrganizationMembershipService);
  const workspaces = app.get(WorkspacesService);
  const workspaceMembership = app.get(WorkspaceMembershipService);

  const actors: Record<string, Actor> = {};
  for (const person of PEOPLE) {
    if (!(await users.findByEmail(person.email))) await registration.register({ ...person, password: DEMO_PASSWORD }, 'seed');
    const user = (await users.findByEmail(person.email))!;
    actors[person.email] = { userId: user.id, sessionId: 'seed' };
    if (!user.emailVerifiedAt) {
      // As the person would: follow the link of the verification message (queued in the outbox, with no SMTP_URL).
      const [message]: { token: string | null }[] = await dataSource.query(
        `SELECT params->>'secretToken' AS token FROM outbound_message WHERE address = $1 AND template = 'account.verify_email' ORDER BY created_at DESC LIMIT 1`,
        [user.email],
      );
      if (message?.token) await verification.verify(actors[person.email], { token: message.token });
      else console.warn(`${user.email}: follow the verification link mailed to this address before it joins an organization.`);
    }
  }
  const [patrick, sophie, kema, alex] = PEOPLE.map((person) => actors[person.email]);

  const egouv =
    (await organizations.findBySlug('egouv-quebec')) ??
    (await organizations.create(patrick, {
      slug: 'egouv-quebec',
      name: { fr: 'E-Gouv Québec', en: 'E-Gouv Québec' },
      jurisdiction: Jurisdiction.PROVINCIAL,
      region: 'CA-QC',
      emailDomains: ['egouv.quebec'],
    }));
  const cco =
    (await organizations.findBySlug('cco-bcc')) ??
    (await organizations.create(kema, {
      slug: 'cco-bcc',
      name: { fr: 'Bureau de la communauté des communications', en: 'Communications Community Office' },
      acronym: { fr: 'BCC', en: 'CCO' },
      jurisdiction: Jurisdiction.FEDERAL,
      emailDomains: ['cco-bcc.gc.ca'],
    }));
  for (const [admin, organizationId, member] of [
    [patrick, egouv.id, sophie],
    [kema, cco.id, alex],
  ] as const) {
    if (!(await organizations.membershipOf(member.userId, organizationId))) {
      const request = await organizationMembership.requestToJoin(member, { organizationId });
      await organizationMembership.decideJoinRequest(admin, { joinRequestId: request.id, approve: true });
    }
  }

  const workspace =
    (await workspaces.findBySlug('veille-numerique')) ??
    (await workspaceMembership.create(kema, {
      hostOrganizationId: cco.id,
      slug: 'veille-numerique',
      name: { fr: 'Veille numérique', en: 'Digital government watch' },
    }));
  if (!(await workspaces.accessOf(patrick, workspace.id))) {
    await workspaceMembership.invitePartner(kema, { workspaceId: workspace.id, organizationId: egouv.id }, 'http://127.0.0.1:3000');
    await workspaceMembership.respondToInvitation(patrick, { workspaceId: workspace.id, organizationId: egouv.id, accept: true });
    await workspaceMembership.addMember(kema, { workspaceId: workspace.id, userId: patrick.userId, organizationId: egouv.id, role: WorkspaceRole.COORDINATOR });
    await workspaceMembership.addMember(kema, { workspaceId: workspace.id, userId: sophie.userId, organizationId: egouv.id, role: WorkspaceRole.EDITOR });
    await workspaceMembership.addMember(kema, { workspaceId: workspace.id, userId: alex.userId, organizationId: cco.id, role: WorkspaceRole.EDITOR });
  }
  await app.close();
  console.log(`Demo world ready. Sign in as ${PEOPLE.map((person) => person.email).join(', ')} with the password "${DEMO_PASSWORD}".`);
}

void main();
