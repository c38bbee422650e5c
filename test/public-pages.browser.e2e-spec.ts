import { existsSync } from 'node:fs';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { describeApp } from './support/harness';
import { publishPublicContent } from './support/public-content';
import { republishInOwnWorkspace } from './support/republication';

/** Debian's Chromium (`apt-get install chromium`, as .ci/run does). */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE = require.resolve('axe-core/axe.min.js');
/** A browser on a busy machine: starting it and loading a page may take a while. */
const BROWSER_TIMEOUT_MS = 120_000;

const available = existsSync(CHROMIUM);
if (!available && process.env.CI) {
  test('Chromium is installed', () => {
    throw new Error(`${CHROMIUM} is missing: the accessibility test needs Debian's chromium package (.ci/run installs it)`);
  });
} else if (!available) {
  console.warn(`Skipping the public pages' browser test: ${CHROMIUM} is missing (apt-get install chromium)`);
}

(available ? describeApp : describeApp.skip)('public pages in a browser', { world: true }, ({ app, world }) => {
  let browser: Browser;
  let base: string;
  let jointId: string;
  let digestId: string;
  let copy: { id: string; slug: string };
  const url = (language: string, kind: string, id: string, slug = world.workspace.slug) => `${base}/${language}/${slug}/${kind}/${id}`;

  beforeAll(async () => {
    ({ jointId, digestId } = await publishPublicContent(app, world));
    const republished = await republishInOwnWorkspace(app, world, jointId);
    copy = { id: republished.copyId, slug: republished.workspace.slug };
    // The pages' links follow the request's host: the browser stays on this server.
    await app.app.listen(0, '127.0.0.1');
    base = await app.app.getUrl();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: BROWSER_TIMEOUT_MS });
  }, BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
  });

  async function withPage<T>(options: Parameters<Browser['newContext']>[0], use: (page: Page) => Promise<T>): Promise<T> {
    const context: BrowserContext = await browser.newContext(options);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(BROWSER_TIMEOUT_MS);
      return await use(page);
    } finally {
      await context.close();
    }
  }

  it(
    'meet WCAG 2.1 AA by axe-core: an article in French and English, a digest, and a republished article with its attribution',
    async () => {
      // The pages' CSP lets no script run; axe is injected by the test, past it.
      await withPage({ bypassCSP: true }, async (page) => {
        const pages = [url('fr', 'articles', jointId), url('en', 'articles', jointId), url('fr', 'digests', digestId), url('en', 'digests', digestId)];
        for (const address of [...pages, url('fr', 'articles', copy.id, copy.slug), url('en', 'articles', copy.id, copy.slug)]) {
          expect((await page.goto(address))?.status()).toBe(200);
          await page.addScriptTag({ path: AXE });
          // Runs in the page (this project's types have no DOM): axe and the document are its globals.
          const violations = await page.evaluate(async (tags) => {
            const { axe, document } = globalThis as any;
            const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
            return results.violations.map((violation: any) => ({ id: violation.id, nodes: violation.nodes.map((node: any) => node.html) }));
          }, WCAG_21_AA);
          expect({ address, violations }).toEqual({ address, violations: [] });
        }
      });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'switch language by their links, and work with JavaScript off',
    async () => {
      await withPage({ javaScriptEnabled: false }, async (page) => {
        expect((await page.goto(url('fr', 'articles', jointId)))?.status()).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe('fr');
        expect(await page.locator('main h1').textContent()).toContain('</script>');
        expect(await page.locator('main').textContent()).toContain('Le texte publié.');

        await page.getByRole('link', { name: 'English' }).click();
        await page.waitForURL(url('en', 'articles', jointId));
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.locator('main h1').textContent()).toBe('Digital government');

        await page.getByRole('link', { name: 'Français' }).click();
        await page.waitForURL(url('fr', 'articles', jointId));

        // The first Tab reaches the skip link, shown when focused, which leads to the main content.
        await page.keyboard.press('Tab');
        const skip = page.locator('a.skip');
        expect(await skip.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);
        expect(await skip.isVisible()).toBe(true);
        await page.keyboard.press('Enter');
        await page.waitForURL(`${url('fr', 'articles', jointId)}#main`);

        expect((await page.goto(url('en', 'digests', digestId)))?.status()).toBe(200);
        await page.getByRole('link', { name: 'Français' }).click();
        await page.waitForURL(url('fr', 'digests', digestId));
        expect(await page.locator('main h1').textContent()).toContain('Sommaire de veille');

        // A republished article leads to its original by the attribution's link.
        expect((await page.goto(url('en', 'articles', copy.id, copy.slug)))?.status()).toBe(200);
        await page.locator('p.attribution a').click();
        await page.waitForURL(url('en', 'articles', jointId));
      });
    },
    BROWSER_TIMEOUT_MS,
  );
});
