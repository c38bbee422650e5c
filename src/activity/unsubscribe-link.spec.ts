import { NotificationKind } from './notification-kind';
import { unsubscribeKey, unsubscribeQuery, verifiedScope } from './unsubscribe-link';

const key = unsubscribeKey('a server secret of enough length for the test');
const scope = { userId: '2b1e6d0c-8f3a-4a57-9a3c-0e4f8d1b2c3d', kind: NotificationKind.mention, workspaceId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' };
const queryOf = (text: string) => Object.fromEntries(new URLSearchParams(text));

describe('unsubscribe links', () => {
  it('verify the scope they were signed for', () => {
    expect(verifiedScope(key, queryOf(unsubscribeQuery(key, scope)))).toEqual(scope);
    const everything = { ...scope, kind: null, workspaceId: null };
    expect(verifiedScope(key, queryOf(unsubscribeQuery(key, everything)))).toEqual(everything);
  });

  it('refuse another person, kind or workspace, a dropped part, another key, and a malformed link', () => {
    const signed = queryOf(unsubscribeQuery(key, scope));
    expect(verifiedScope(key, { ...signed, user: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    expect(verifiedScope(key, { ...signed, kind: NotificationKind.articlePublished })).toBeNull();
    expect(verifiedScope(key, { ...signed, workspace: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    const { workspace: _dropped, ...general } = signed;
    expect(verifiedScope(key, general)).toBeNull();
    expect(verifiedScope(unsubscribeKey('another secret of enough length, really'), signed)).toBeNull();
    expect(verifiedScope(key, { ...signed, kind: 'no.such_kind' })).toBeNull();
    expect(verifiedScope(key, { ...signed, signature: undefined })).toBeNull();
    expect(verifiedScope(key, { ...signed, signature: signed.signature.slice(0, -2) })).toBeNull();
  });
});
