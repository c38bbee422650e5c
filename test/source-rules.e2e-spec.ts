import { eventually } from './support/eventually';
import { FeedEntry, FeedServer, rss2 } from './support/feeds';
import { describeApp, ok, onServer, refused } from './support/harness';
import { createSource, refreshSource, shareSource } from './support/sources';
import { createWorkspace, TestWorkspace } from './support/world';

const SET_RULES = `mutation($input: SetSourceRulesInput!) {
  setSourceRules(input: $input) { id position name action field match words pattern tags } }`;
const ITEMS = `query($workspaceId: ID!, $sourceId: ID!) {
  watchItems(workspaceId: $workspaceId, filter: { sourceId: $sourceId }, first: 100) { edges { node {
    guid title status matchedRules { ruleId name action } curation { status tags curatedBy { id } matchedRules { name } } } } } }`;
const SHARE_RULES = `query($id: ID!) { watchSource(id: $id) { shares { workspace { id } rules { id name position } } } }`;

interface Rule {
  id?: string;
  name: string;
  action: 'KEEP' | 'BLOCK' | 'TAG' | 'SHORTLIST';
  field: 'TITLE' | 'CONTENT' | 'AUTHOR' | 'LINK';
  match: 'ANY_WORDS' | 'ALL_WORDS' | 'REGEX';
  words?: string[];
  pattern?: string;
  tags?: string[];
}

const words = (name: string, action: Rule['action'], field: Rule['field'], list: string[], extra: Partial<Rule> = {}): Rule => ({ name, action, field, match: 'ANY_WORDS', words: list, ...extra });
const regex = (name: string, action: Rule['action'], field: Rule['field'], pattern: string, extra: Partial<Rule> = {}): Rule => ({ name, action, field, match: 'REGEX', pattern, ...extra });

let server: FeedServer;
beforeAll(async () => (server = await FeedServer.start()));
afterAll(() => server.stop());

describeApp('rules per shared source', { world: true, env: () => ({ FETCH_ALLOW_HOSTS: server.host }) }, ({ app, world }) => {
  let path = 0;

  /** A source of the host organization serving `feed`, shared into the workspace. */
  async function sharedFeed(feed: FeedEntry[]) {
    const feedPath = `/rules-${path++}`;
    server.routes.set(feedPath, { body: rss2('Blogue', feed) });
    const source = await createSource(app, world.hostAdmin, world.host, { url: server.url(feedPath), kind: 'RSS' });
    await shareSource(app, world.hostAdmin, source.id, world.workspace);
    return { source, feedPath };
  }

  const setRules = (sourceId: string, rules: Rule[], token = world.people.EDITOR.token, workspace: TestWorkspace = world.workspace) =>
    app.graphql(SET_RULES, { input: { sourceId, workspaceId: workspace.id, rules } }, { token });

  const fetch = async (sourceId: string) => expect(ok(await refreshSource(app, world.hostAdmin, sourceId)).refreshWatchSource.lastFetchOutcome).toBe('FETCHED');

  /** The source's items in the workspace, by guid. */
  async function items(sourceId: string, workspace: TestWorkspace = world.workspace, token = world.people.OBSERVER.token): Promise<Record<string, any>> {
    const data = ok(await app.graphql(ITEMS, { workspaceId: workspace.id, sourceId }, { token }));
    return Object.fromEntries(data.watchItems.edges.map((edge: any) => [edge.node.guid, edge.node]));
  }

  const entry = (id: string, fields: Partial<FeedEntry>): FeedEntry => ({ id, title: id, link: `https://blog.example.ca/${id}`, summary: '<p>Résumé</p>', ...fields });

  it('applies each action at ingestion and records the rules that matched on the item, in that workspace only', async () => {
    const { source } = await sharedFeed([
      entry('promo', { title: 'PROMO de la semaine' }),
      entry('promo-sophie', { title: 'Promo annoncée', author: 'Sophie Tremblay' }),
      entry('budget', { title: 'Le budget 2026 est déposé' }),
      entry('ia', { title: 'Numérique', content: "<p>L'<em>intelligence artificielle</em> au service du gouvernement</p>" }),
      entry('news', { title: 'Communiqué', link: 'https://www.quebec.ca/nouvelles/123' }),
      entry('plain', { title: 'Rien à signaler' }),
    ]);
    const set = ok(
      await setRules(source.id, [
        regex('Sophie passe toujours', 'KEEP', 'AUTHOR', '^sophie'),
        words('Pas de promotions', 'BLOCK', 'TITLE', ['promo']),
        words('Budget', 'SHORTLIST', 'TITLE', ['budget']),
        { ...words('IA au gouvernement', 'TAG', 'CONTENT', ['intelligence artificielle', 'gouvernement']), match: 'ALL_WORDS', tags: ['IA'] },
        regex('Nouvelles du Québec', 'TAG', 'LINK', '/nouvelles/\\d+$', { tags: ['nouvelles'] }),
      ]),
    ).setSourceRules;
    expect(set.map((rule: any) => [rule.position, rule.name])).toEqual([
      [0, 'Sophie passe toujours'],
      [1, 'Pas de promotions'],
      [2, 'Budget'],
      [3, 'IA au gouvernement'],
      [4, 'Nouvelles du Québec'],
    ]);
    const [keep, block, shortlist, tag, linkTag] = set;
    await fetch(source.id);

    const found = await items(source.id);
    const matched = (rule: any) => ({ ruleId: rule.id, name: rule.name, action: rule.action });
    expect(found.promo).toMatchObject({ status: 'DISMISSED', matchedRules: [matched(block)], curation: { status: 'DISMISSED', curatedBy: null, matchedRules: [{ name: 'Pas de promotions' }] } });
    expect(found['promo-sophie']).toMatchObject({ status: 'NEW', matchedRules: [matched(keep)] });
    expect(found.budget).toMatchObject({ status: 'SHORTLISTED', matchedRules: [matched(shortlist)] });
    expect(found.ia).toMatchObject({ status: 'NEW', matchedRules: [matched(tag)], curation: { tags: ['ia'] } });
    expect(found.news).toMatchObject({ status: 'NEW', matchedRules: [matched(linkTag)], curation: { tags: ['nouvelles'] } });
    expect(found.plain).toMatchObject({ status: 'NEW', matchedRules: [], curation: null });

    // Another workspace the source is shared into has its own (here, no) rules.
    const other = await createWorkspace(app, world.hostAdmin, world.host);
    await shareSource(app, world.hostAdmin, source.id, other);
    const elsewhere = await items(source.id, other, world.hostAdmin.token);
    expect(Object.values(elsewhere).map((item: any) => [item.status, item.matchedRules])).toEqual(Object.values(elsewhere).map(() => ['NEW', []]));
  });

  it('runs the rules in order: tags and shortlisting add up, the first KEEP or BLOCK that matches stops', async () => {
    const { source } = await sharedFeed([entry('a', { title: 'Promo budget' }), entry('b', { title: 'Budget officiel' })]);
    const set = ok(
      await setRules(source.id, [
        words('Finances', 'TAG', 'TITLE', ['budget'], { tags: ['finances'] }),
        words('Officiel', 'KEEP', 'TITLE', ['officiel']),
        words('Promo', 'BLOCK', 'TITLE', ['promo']),
        words('Jamais atteinte', 'SHORTLIST', 'TITLE', ['budget']),
      ]),
    ).setSourceRules;
    await fetch(source.id);
    const found = await items(source.id);
    expect(found.a).toMatchObject({ status: 'DISMISSED', matchedRules: [{ ruleId: set[0].id }, { ruleId: set[2].id }], curation: { tags: ['finances'] } });
    expect(found.b).toMatchObject({ status: 'NEW', matchedRules: [{ ruleId: set[0].id }, { ruleId: set[1].id }], curation: { tags: ['finances'] } });
  });

  it('matches words whole, case and accents ignored; ALL_WORDS needs each of them', async () => {
    const { source } = await sharedFeed([
      entry('accents', { title: "L'ÉCONOMIE numérique" }),
      entry('inside', { title: 'Socioeconomie' }),
      entry('one-of-two', { title: 'Plan numérique' }),
    ]);
    const set = ok(
      await setRules(source.id, [
        words('Économie', 'TAG', 'TITLE', ['economie'], { tags: ['eco'] }),
        { ...words('Plan et numérique', 'TAG', 'TITLE', ['plan', 'NUMERIQUE'], { tags: ['plan'] }), match: 'ALL_WORDS' },
        words('Plan ou économie', 'TAG', 'TITLE', ['plan', 'économie'], { tags: ['any'] }),
      ]),
    ).setSourceRules;
    await fetch(source.id);
    const found = await items(source.id);
    expect(found.accents.matchedRules.map((rule: any) => rule.ruleId)).toEqual([set[0].id, set[2].id]);
    expect(found.inside.matchedRules).toEqual([]);
    expect(found['one-of-two'].matchedRules.map((rule: any) => rule.ruleId)).toEqual([set[1].id, set[2].id]);
  });

  it('matches regular expressions anywhere in the field, case ignored', async () => {
    const { source } = await sharedFeed([entry('version', { title: 'Sortie de la V2.10' }), entry('other', { title: 'Sortie' })]);
    ok(await setRules(source.id, [regex('Versions', 'SHORTLIST', 'TITLE', 'v\\d+\\.\\d+')]));
    await fetch(source.id);
    const found = await items(source.id);
    expect([found.version.status, found.other.status]).toEqual(['SHORTLISTED', 'NEW']);
  });

  it('runs a catastrophic pattern such as (a+)+$ in linear time: the fetch completes', async () => {
    const { source } = await sharedFeed([
      entry('long', { content: `<p>${'a'.repeat(100_000)}!</p>`, summary: undefined }),
      entry('short', { content: '<p>aaaa</p>', summary: undefined }),
    ]);
    ok(await setRules(source.id, [regex('Catastrophe', 'BLOCK', 'CONTENT', '(a+)+$')]));
    await fetch(source.id);
    const found = await items(source.id);
    expect([found.long.status, found.short.status]).toEqual(['NEW', 'DISMISSED']);
  });

  it('shapes arrivals only: items stored before the rule, and people’s triage, stay as they are', async () => {
    const feed = [entry('before', { title: 'Promo ancienne' })];
    const { source, feedPath } = await sharedFeed(feed);
    await fetch(source.id);
    ok(await setRules(source.id, [words('Promo', 'BLOCK', 'TITLE', ['promo'])]));
    server.routes.set(feedPath, { body: rss2('Blogue', [...feed, entry('after', { title: 'Promo nouvelle' })]) });
    await fetch(source.id);
    const found = await items(source.id);
    expect([found.before.status, found.after.status]).toEqual(['NEW', 'DISMISSED']);
  });

  it('shows each share’s rules in order, and keeps a rule’s id when the list names it', async () => {
    const { source } = await sharedFeed([]);
    const first = ok(await setRules(source.id, [words('Un', 'BLOCK', 'TITLE', ['un']), words('Deux', 'BLOCK', 'TITLE', ['deux'])])).setSourceRules;
    const second = ok(await setRules(source.id, [words('Trois', 'TAG', 'TITLE', ['trois'], { tags: ['t'] }), { ...words('Deux', 'SHORTLIST', 'TITLE', ['deux']), id: first[1].id }])).setSourceRules;
    expect(second[1]).toMatchObject({ id: first[1].id, position: 1, action: 'SHORTLIST' });
    const shares = ok(await app.graphql(SHARE_RULES, { id: source.id }, { token: world.people.PARTNER_MEMBER.token })).watchSource.shares;
    expect(shares).toEqual([{ workspace: { id: world.workspace.id }, rules: second.map((rule: any) => ({ id: rule.id, name: rule.name, position: rule.position })) }]);
    // A rule id of another list is refused, naming it.
    const stray = await setRules(source.id, [{ ...words('Un', 'BLOCK', 'TITLE', ['un']), id: first[0].id }]);
    expect(refused(stray, 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field)).toEqual(['rules.0.id']);
  });

  it("shows a share's rules only to those with access to its workspace, not to every member of the source's organization", async () => {
    const { source } = await sharedFeed([]);
    const other = await createWorkspace(app, world.hostAdmin, world.host);
    await shareSource(app, world.hostAdmin, source.id, other);
    const set = ok(await setRules(source.id, [words('Promo', 'BLOCK', 'TITLE', ['promo'])], world.hostAdmin.token, other)).setSourceRules;
    const sharesFor = async (token: string) =>
      ok(await app.graphql(SHARE_RULES, { id: source.id }, { token })).watchSource.shares.map((share: any) => [share.workspace.id, share.rules.map((rule: any) => rule.id)]);
    // The observer is of the host organization, so sees both shares, but has no access to the other workspace.
    expect(await sharesFor(world.people.OBSERVER.token)).toEqual([
      [world.workspace.id, []],
      [other.id, []],
    ]);
    expect(await sharesFor(world.hostAdmin.token)).toEqual([
      [world.workspace.id, []],
      [other.id, [set[0].id]],
    ]);
  });

  it('is for the workspace editors of any partner: contributors and observers are FORBIDDEN, outsiders NOT_FOUND', async () => {
    const { source } = await sharedFeed([]);
    const rules = [words('Promo', 'BLOCK', 'TITLE', ['promo'])];
    for (const person of [world.people.OWNER, world.people.COORDINATOR, world.people.EDITOR, world.people.PARTNER_MEMBER]) ok(await setRules(source.id, rules, person.token));
    refused(await setRules(source.id, rules, world.people.CONTRIBUTOR.token), 'FORBIDDEN');
    refused(await setRules(source.id, rules, world.people.OBSERVER.token), 'FORBIDDEN');
    refused(await setRules(source.id, rules, world.people.OUTSIDER.token), 'NOT_FOUND');
    refused(await app.graphql(SET_RULES, { input: { sourceId: source.id, workspaceId: world.workspace.id, rules } }), 'UNAUTHENTICATED');
    // A source not shared into the workspace has no rules there.
    const unshared = await createSource(app, world.hostAdmin, world.host, { url: server.url(`/unshared-${path++}`), kind: 'RSS' });
    refused(await setRules(unshared.id, rules), 'NOT_FOUND');
  });

  onServer('refuses, as NOT_FOUND, a change of the rules of a share revoked while the change waited for it', async () => {
    const { source } = await sharedFeed([]);
    const revocation = app.dataSource.createQueryRunner();
    await revocation.startTransaction();
    try {
      // A revocation in progress: the change finds the share still live, then waits for its row.
      await revocation.query(`UPDATE source_share SET revoked_at = now() WHERE source_id = $1`, [source.id]);
      const change = setRules(source.id, [words('Promo', 'BLOCK', 'TITLE', ['promo'])]);
      await eventually(async () => {
        const [waiting]: { count: number }[] = await app.dataSource.query(
          `SELECT count(*)::int AS count FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%source_share%FOR UPDATE%'`,
        );
        return waiting.count > 0;
      }, 'waiting for the share');
      await revocation.commitTransaction();
      refused(await change, 'NOT_FOUND');
    } finally {
      await revocation.release();
    }
  });

  it.each([
    ['a backreference', '(a)\\1'],
    ['a lookahead', 'budget(?= 2026)'],
    ['a lookbehind', '(?<=le )budget'],
    ['broken syntax', '(unclosed'],
    ['an empty pattern', ''],
    ['a pattern over 500 characters', 'a'.repeat(501)],
  ])('refuses %s as BAD_USER_INPUT naming the pattern', async (_, pattern) => {
    const { source } = await sharedFeed([]);
    const response = await setRules(source.id, [words('Bon', 'BLOCK', 'TITLE', ['ok']), regex('Mauvais', 'BLOCK', 'TITLE', pattern)]);
    expect(refused(response, 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field)).toEqual(['rules.1.pattern']);
    // Nothing was stored.
    const shares = ok(await app.graphql(SHARE_RULES, { id: source.id }, { token: world.people.EDITOR.token })).watchSource.shares;
    expect(shares[0].rules).toEqual([]);
  });

  it('bounds the list and each rule: more than 50 rules, a words rule without words, a TAG rule without tags', async () => {
    const { source } = await sharedFeed([]);
    const tooMany = Array.from({ length: 51 }, (_, index) => words(`R${index}`, 'BLOCK', 'TITLE', ['x']));
    expect(refused(await setRules(source.id, tooMany), 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field)).toEqual(['rules']);
    const incomplete = await setRules(source.id, [words('Vide', 'BLOCK', 'TITLE', [' ', '--']), words('Sans étiquette', 'TAG', 'TITLE', ['x'])]);
    expect(refused(incomplete, 'BAD_USER_INPUT').extensions.fields.map((field: any) => field.field)).toEqual(['rules.0.words', 'rules.1.tags']);
  });
});
