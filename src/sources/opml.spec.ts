import { buildOpml, parseOpml } from './opml';

describe('OPML', () => {
  it('flattens folders into topics and round-trips', () => {
    const outlines = parseOpml(`<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
      <outline text="Gouvernement numérique">
        <outline type="rss" text="Blogue &amp; co" xmlUrl="https://a.example/feed" htmlUrl="https://a.example/" category="ux,accessibilité"/>
      </outline>
      <outline type="rss" title="Sans dossier" xmlUrl="https://b.example/rss"/>
      <outline text="Dossier vide"/></body></opml>`);
    expect(outlines).toEqual([
      { title: 'Blogue & co', xmlUrl: 'https://a.example/feed', htmlUrl: 'https://a.example/', language: undefined, categories: ['Gouvernement numérique', 'ux', 'accessibilité'] },
      { title: 'Sans dossier', xmlUrl: 'https://b.example/rss', htmlUrl: undefined, language: undefined, categories: [] },
    ]);
    expect(parseOpml(buildOpml({ title: 'T & "quotes"', outlines }))).toEqual(outlines.map((outline) => ({ ...outline, categories: outline.categories })));
  });

  it('refuses what is not OPML, and never expands entities', () => {
    expect(() => parseOpml('<rss/>')).toThrow('OPML');
    expect(() => parseOpml('<opml><body>')).toThrow();
    const [entry] = parseOpml(`<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body><outline text="&x;" xmlUrl="https://c.example/"/></body></opml>`);
    expect(entry.title ?? '').not.toContain('root:');
  });
});
