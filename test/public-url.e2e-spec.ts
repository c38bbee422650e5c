import { ConfigError, loadConfig } from '../src/config/config';
import { createArticle, publish, review, saveRevision, submit } from './support/articles';
import { createOrganization, registerUser } from './support/factories';
import { describeApp, ok } from './support/harness';
import { createWorkspace } from './support/world';

const CREATE_LINK = `mutation($input: CreateCalendarLinkInput!) { createCalendarLink(input: $input) { url } }`;

describeApp('links handed out by the server', { env: { PUBLIC_URL: 'https://tandem.example.ca/' } }, ({ app }) => {
  it('point at PUBLIC_URL, whatever Host header the client sends', async () => {
    const user = await registerUser(app);
    const organization = await createOrganization(app, user);
    const workspace = await createWorkspace(app, user, organization);
    const link = ok(await app.graphql(CREATE_LINK, { input: { workspaceId: workspace.id } }, { token: user.token, headers: { host: 'evil.example' } }));
    expect(link.createCalendarLink.url).toMatch(/^https:\/\/tandem\.example\.ca\/calendar\/[\w-]+\.ics$/);
    const article = await createArticle(app, user, workspace.id, organization.id, 'PUBLIC');
    ok(await saveRevision(app, user, article, 'fr', null));
    ok(await saveRevision(app, user, article, 'en', null, { translationOf: 1 }));
    ok(await submit(app, user, article));
    ok(await review(app, user, article, organization.id));
    ok(await publish(app, user, article));
    const feed = await app.get(`/feeds/${workspace.slug}/articles.atom`, { host: 'evil.example' });
    expect(feed.body).toContain(`<link rel="self" href="https://tandem.example.ca/feeds/${workspace.slug}/articles.atom"/>`);
    expect(feed.body).not.toContain('evil.example');
  });

  it('is required in production, where a Host header the client writes must never reach a cached page or feed', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'a production secret of at least 32 characters',
      MFA_ENCRYPTION_KEY: 'a production MFA key of at least 32 characters',
      TANDEM_DATA_DIR: 'memory://',
    };
    expect(() => loadConfig(production)).toThrow(/PUBLIC_URL: required when NODE_ENV=production/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://tandem.example.ca' }).PUBLIC_URL).toBe('https://tandem.example.ca');
    expect(loadConfig({ TANDEM_DATA_DIR: 'memory://' }).PUBLIC_URL).toBeUndefined();
  });

  it('refuses a PUBLIC_URL that is not an http(s) URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'javascript:alert(1)', TANDEM_DATA_DIR: 'memory://' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_URL: 'https://tandem.example.ca/base?x=1', TANDEM_DATA_DIR: 'memory://' })).toThrow(/PUBLIC_URL/);
  });
});
