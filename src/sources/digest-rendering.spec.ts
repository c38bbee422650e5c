import { Language } from '../common/localized-text';
import { DigestEntry } from './digest.entity';
import { digestTitle, escapeHtml, escapeMarkdown, RenderableDigest, renderDigestHtml, renderDigestMarkdown } from './digest-rendering';

const entry = (fields: Partial<DigestEntry>): DigestEntry => ({
  itemId: 'i',
  sourceId: 's',
  sourceTitle: 'Source',
  sourceUrl: 'https://source.example.ca/',
  title: 'Title',
  url: 'https://source.example.ca/post',
  excerpt: null,
  author: null,
  language: Language.fr,
  publishedAt: new Date('2025-11-20T12:00:00Z'),
  annotation: null,
  tags: [],
  ...fields,
});

const digest = (entries: DigestEntry[]): RenderableDigest => ({
  workspaceName: { fr: 'Veille', en: 'Watch' },
  periodStart: new Date('2025-11-17T00:00:00Z'),
  periodEnd: new Date('2025-11-24T00:00:00Z'),
  introduction: { fr: 'Bonjour <b>tous</b>', en: 'Hello all' },
  entries,
});

describe('digest rendering', () => {
  it('names the period by its first and last days', () => {
    expect(digestTitle(digest([]), Language.fr)).toBe('Veille — Sommaire de veille du 2025-11-17 au 2025-11-23');
    expect(digestTitle(digest([]), Language.en)).toBe('Watch — Watch digest from 2025-11-17 to 2025-11-23');
  });

  it('escapes every text in HTML and links only http(s) URLs', () => {
    const html = renderDigestHtml(
      digest([
        entry({ title: '<script>x</script>', url: 'javascript:alert(1)', author: '"><img src=x>', annotation: "it's <i>", tags: ['<b>'] }),
        entry({ title: 'ok', url: 'https://example.ca/a"b' }),
      ]),
    );
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('Bonjour &lt;b&gt;tous&lt;/b&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x&gt;');
    expect(html).toContain('it&#39;s &lt;i&gt;');
    expect(html).toContain('<a href="https://example.ca/a%22b">ok</a>');
    expect(html).not.toMatch(/javascript:|<script|<img|<b>|<i>/);
  });

  it('renders one language of the introduction when asked', () => {
    const html = renderDigestHtml(digest([]), [Language.en]);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Watch digest');
    expect(html).not.toContain('Sommaire');
  });

  it('escapes Markdown syntax and raw HTML, and keeps link destinations intact', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> `f` # g\nh')).toBe('\\*a\\* \\_b\\_ \\[c\\]\\(d\\) \\<e\\> \\`f\\` \\# g h');
    const markdown = renderDigestMarkdown(digest([entry({ title: '[x](javascript:y)', url: 'https://example.ca/a b>(c)', annotation: '<script>' })]));
    expect(markdown).toContain('[\\[x\\]\\(javascript:y\\)](<https://example.ca/a%20b%3E(c)>)');
    expect(markdown).toContain('> \\<script\\>');
  });

  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
