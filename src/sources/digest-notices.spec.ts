import { NotificationKind } from '../activity';
import { publicationNotices } from './digest-notices';

const digest = { id: '9d2c4a1e-1111-4a57-9a3c-0e4f8d1b2c3d', workspaceId: 'a1b2c3d4-2222-4a57-9a3c-0e4f8d1b2c3d', createdById: '2b1e6d0c-8f3a-4a57-9a3c-0e4f8d1b2c3d' };

describe('digest notices', () => {
  it('tell whoever prepared a digest that it is published, unless they published it', () => {
    expect(publicationNotices({ userId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, digest)).toEqual([
      expect.objectContaining({ userId: digest.createdById, kind: NotificationKind.digestPublished, workspaceId: digest.workspaceId, resourceType: 'digest', resourceId: digest.id }),
    ]);
    expect(publicationNotices({ userId: digest.createdById }, digest)).toEqual([]);
    expect(publicationNotices({ userId: digest.createdById }, { ...digest, createdById: null })).toEqual([]);
  });
});
