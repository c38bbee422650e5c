import { NotificationKind } from '../activity';
import { ReviewDecision } from './article.entity';
import { decisionNotices, mentionedIn, mentionNotices, publicationNotices } from './article-notices';

const kema = '2b1e6d0c-8f3a-4a57-9a3c-0e4f8d1b2c3d';
const patrick = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const article = { id: '9d2c4a1e-1111-4a57-9a3c-0e4f8d1b2c3d', workspaceId: 'a1b2c3d4-2222-4a57-9a3c-0e4f8d1b2c3d' };

describe('article notices', () => {
  it('find mentions written as @[Display Name](userId), each person once', () => {
    expect(mentionedIn(`Merci @[Kema Joseph](${kema}) et @[Patrick Parent (E-Gouv Québec)](${patrick.toUpperCase()}), cc @[Kema](${kema})`)).toEqual([kema, patrick]);
    expect(mentionedIn(`@Kema, kema@example.gc.ca, @[](${kema}), [Kema](${kema}), @[Kema](not-an-id)`)).toEqual([]);
  });

  it('never notify the author of the change', () => {
    expect(mentionNotices({ userId: kema }, article, [kema, patrick]).map((notice) => notice.userId)).toEqual([patrick]);
    const published = publicationNotices({ userId: kema }, article, [{ userId: kema }, { userId: patrick }, { userId: patrick }]);
    expect(published).toEqual([expect.objectContaining({ userId: patrick, kind: NotificationKind.articlePublished, resourceType: 'article', resourceId: article.id })]);
  });

  it('tell the other authors of an approval given, and of one withdrawn by a request for changes', () => {
    const authors = [{ userId: kema }, { userId: patrick }];
    expect(decisionNotices({ userId: kema }, article, authors, ReviewDecision.APPROVE).map((notice) => [notice.userId, notice.kind])).toEqual([[patrick, NotificationKind.approvalGiven]]);
    expect(decisionNotices({ userId: '00000000-0000-4000-8000-000000000000' }, article, authors, ReviewDecision.REQUEST_CHANGES).map((notice) => notice.kind)).toEqual([
      NotificationKind.approvalWithdrawn,
      NotificationKind.approvalWithdrawn,
    ]);
  });
});
