import { Language } from '../common/localized-text';
import { ArticleStatus, AuthorRole, ReviewDecision } from './article.entity';
import { Visibility } from '../workspaces';
import { behindLanguages, byline, bylineOf, followedByDefault, latestDecisions, publicationBlockers, PublicationState, republicationBlockers } from './publication-rules';

const patrick = { displayName: 'Patrick Parent', role: AuthorRole.LEAD, bylineOrder: 0, organization: { fr: 'E-Gouv Québec', en: 'E-Gouv Québec' } };
const kema = { displayName: 'Kema Joseph', role: AuthorRole.CO_AUTHOR, bylineOrder: 1, organization: { fr: 'BCC', en: 'CCO' } };
const alex = { displayName: 'Alex Martin', role: AuthorRole.CO_AUTHOR, bylineOrder: 2, organization: { fr: 'BCC', en: 'CCO' } };
const helper = { displayName: 'Sam Aide', role: AuthorRole.CONTRIBUTOR, bylineOrder: 3, organization: { fr: 'BCC', en: 'CCO' } };

describe('byline', () => {
  it('names the lead, then the co-authors, in both languages', () => {
    expect(byline([kema, patrick])).toEqual({
      fr: 'Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC)',
      en: 'Patrick Parent (E-Gouv Québec), in collaboration with Kema Joseph (CCO)',
    });
  });

  it('joins several co-authors naturally and leaves contributors out', () => {
    const three = { ...alex, displayName: 'Lou Roy', bylineOrder: 5 };
    expect(byline([patrick, alex, kema, helper, three])).toEqual({
      fr: 'Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC), Alex Martin (BCC) et Lou Roy (BCC)',
      en: 'Patrick Parent (E-Gouv Québec), in collaboration with Kema Joseph (CCO), Alex Martin (CCO) and Lou Roy (CCO)',
    });
    expect(byline([patrick])).toEqual({ fr: 'Patrick Parent (E-Gouv Québec)', en: 'Patrick Parent (E-Gouv Québec)' });
  });
});

describe('bylineOf', () => {
  it('signs each author with their name and their organization found by id', () => {
    const authors = [
      { userId: 'u-kema', organizationId: 'o-cco', role: AuthorRole.CO_AUTHOR, bylineOrder: 1 },
      { userId: 'u-patrick', organizationId: 'o-egouv', role: AuthorRole.LEAD, bylineOrder: 0 },
    ];
    const people = [{ id: 'u-patrick', displayName: 'Patrick Parent' }, { id: 'u-kema', displayName: 'Kema Joseph' }];
    const organizations = [
      { id: 'o-egouv', name: { fr: 'E-Gouv Québec', en: 'E-Gouv Québec' }, acronym: { fr: null, en: null } },
      { id: 'o-cco', name: { fr: 'Bureau des communications', en: 'Communications Office' }, acronym: { fr: 'BCC', en: 'CCO' } },
    ];
    expect(bylineOf(authors, people, organizations)).toEqual({
      fr: 'Patrick Parent (E-Gouv Québec), en collaboration avec Kema Joseph (BCC)',
      en: 'Patrick Parent (E-Gouv Québec), in collaboration with Kema Joseph (CCO)',
    });
  });
});

describe('latestDecisions', () => {
  it('keeps each organization’s first decision of a newest-first list', () => {
    const decision = (organizationId: string, decision: ReviewDecision) => ({ organizationId, decision, revisionFr: 1, revisionEn: 1 });
    const newest = decision('a', ReviewDecision.REQUEST_CHANGES);
    const latest = latestDecisions([newest, decision('b', ReviewDecision.APPROVE), decision('a', ReviewDecision.APPROVE)]);
    expect(latest.get('a')).toBe(newest);
    expect([...latest.keys()]).toEqual(['a', 'b']);
  });
});

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 12, minute));

const revision = (number: number, minute: number, translationOf: number | null = null) => ({ number, createdAt: at(minute), translationOf });

describe('behindLanguages', () => {
  it('finds the two languages in step when either follows the other’s current text', () => {
    expect(behindLanguages({ fr: revision(1, 0), en: revision(1, 1, 1) })).toEqual([]);
    expect(behindLanguages({ fr: revision(2, 5, 1), en: revision(1, 1, 1) })).toEqual([]);
  });

  it('puts behind the language written before a later change of the other', () => {
    expect(behindLanguages({ fr: revision(2, 5), en: revision(1, 1, 1) })).toEqual([Language.en]);
    expect(behindLanguages({ fr: revision(1, 0), en: revision(2, 5) })).toEqual([Language.fr]);
  });

  it('puts behind the language that follows an older revision of the other, whenever it was written', () => {
    expect(behindLanguages({ fr: revision(2, 0), en: revision(1, 1, 1) })).toEqual([Language.en]);
  });

  it('needs both languages to compare', () => {
    expect(behindLanguages({ fr: revision(3, 0) })).toEqual([]);
  });
});

describe('followedByDefault', () => {
  it('has a first translation follow the other language', () => {
    expect(followedByDefault(Language.en, { fr: revision(2, 0) })).toBe(2);
    expect(followedByDefault(Language.fr, {})).toBeNull();
  });

  it('has a language that is behind catch up, and a language in step change', () => {
    const frenchChanged = { fr: revision(2, 5), en: revision(1, 1, 1) };
    expect(followedByDefault(Language.en, frenchChanged)).toBe(2);
    expect(followedByDefault(Language.fr, frenchChanged)).toBeNull();
    expect(followedByDefault(Language.fr, { fr: revision(1, 0), en: revision(1, 1, 1) })).toBeNull();
  });

  it('ends the back and forth: after a catch-up both languages are in step', () => {
    const caughtUp = { fr: revision(2, 5), en: revision(2, 6, followedByDefault(Language.en, { fr: revision(2, 5), en: revision(1, 1, 1) })) };
    expect(behindLanguages(caughtUp)).toEqual([]);
  });
});

describe('publicationBlockers', () => {
  const ready: PublicationState = {
    status: ArticleStatus.APPROVED,
    current: { fr: { number: 2, createdAt: at(0), translationOf: null }, en: { number: 1, createdAt: at(1), translationOf: 2 } },
    published: { fr: null, en: null },
    organizations: [
      { name: 'E-Gouv Québec', latest: { decision: ReviewDecision.APPROVE, revisionFr: 2, revisionEn: 1 } },
      { name: 'CCO', latest: { decision: ReviewDecision.APPROVE, revisionFr: 2, revisionEn: 1 } },
    ],
  };

  it('lets a reviewed, approved, bilingual text through', () => {
    expect(publicationBlockers(ready)).toEqual([]);
  });

  it('lists every reason at once', () => {
    expect(
      publicationBlockers({
        ...ready,
        status: ArticleStatus.DRAFT,
        current: { fr: { number: 3, createdAt: at(5), translationOf: null } },
        organizations: [
          { name: 'E-Gouv Québec', latest: { decision: ReviewDecision.APPROVE, revisionFr: 2, revisionEn: 1 } },
          { name: 'CCO', latest: { decision: ReviewDecision.REQUEST_CHANGES, revisionFr: 3, revisionEn: null } },
        ],
      }),
    ).toEqual([
      'The article has not been submitted for review',
      'The English version is missing',
      'The approval of E-Gouv Québec is stale: the text changed since',
      'CCO has not approved the current text',
    ]);
  });

  it('lets a coordinator publish one language, with a reason', () => {
    const frenchOnly = { ...ready, current: { fr: ready.current.fr }, organizations: [{ name: 'E-Gouv Québec', latest: { decision: ReviewDecision.APPROVE, revisionFr: 2, revisionEn: null } }] };
    expect(publicationBlockers(frenchOnly)).toEqual(['The English version is missing']);
    expect(publicationBlockers({ ...frenchOnly, unilingualReason: 'Urgent notice' })).toEqual([]);
  });

  it('refuses a stale translation and a text already published', () => {
    const stale = { ...ready, current: { fr: ready.current.fr, en: { number: 1, createdAt: at(1), translationOf: null } } };
    expect(publicationBlockers(stale)).toEqual(['The French version is behind a later change in English']);
    expect(publicationBlockers({ ...ready, published: { fr: 2, en: 1 } })).toEqual(['This exact text is already published']);
  });
});

describe('republicationBlockers', () => {
  const published = { status: ArticleStatus.PUBLISHED, publishedAt: at(0), visibility: Visibility.PUBLIC };

  it('lets a published PUBLIC article be republished, also while a new draft is written', () => {
    expect(republicationBlockers(published)).toEqual([]);
    expect(republicationBlockers({ ...published, status: ArticleStatus.DRAFT })).toEqual([]);
  });

  it('refuses an archived, unpublished or non-public original, with every reason', () => {
    expect(republicationBlockers({ ...published, status: ArticleStatus.ARCHIVED })).toEqual(['The article is archived']);
    expect(republicationBlockers({ status: ArticleStatus.DRAFT, publishedAt: null, visibility: Visibility.WORKSPACE })).toEqual([
      'The article is not published',
      'Only a public article is republished',
    ]);
  });
});
