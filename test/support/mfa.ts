import { generate } from 'otplib';
import { addOrganizationMember, createOrganization, PASSWORD, registerUser } from './factories';
import { ok, TestApp } from './harness';
import { Mailbox } from './mailbox';

export const ENROL = `mutation { enrollMfa { otpauthUri secret } }`;
export const CONFIRM = `mutation($input: ConfirmMfaInput!) { confirmMfa(input: $input) { recoveryCodes } }`;
export const SET_REQUIREMENT = `mutation($input: SetOrganizationMfaRequirementInput!) { setOrganizationMfaRequirement(input: $input) { id mfaRequired } }`;

/** The code an authenticator app holding `secret` shows `steps` time steps (30 s) from now. */
export const codeAt = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

/** An organization that requires MFA, its first admin enrolled, and a second admin who has not enrolled yet. */
export async function organizationRequiringMfa(app: TestApp, mailbox: Mailbox) {
  const first = await registerUser(app);
  const organization = await createOrganization(app, first);
  const second = await registerUser(app);
  await addOrganizationMember(app, first, organization, second, 'ADMIN', mailbox);
  const secret = ok(await app.graphql(ENROL, {}, { token: first.token })).enrollMfa.secret;
  ok(await app.graphql(CONFIRM, { input: { password: PASSWORD, code: await codeAt(secret) } }, { token: first.token }));
  ok(await app.graphql(SET_REQUIREMENT, { input: { organizationId: organization.id, required: true } }, { token: first.token }));
  return { organization, first, second };
}
