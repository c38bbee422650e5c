import { extractArticle } from './full-text-extraction';

const TEXT = 'Les partenaires publient ensemble une synthèse des consultations menées cet automne auprès des citoyens et des organismes, avec les prochaines étapes du projet.';

const page = (article: string) => `<!doctype html><html><head><title>Page</title><style>p { color: red }</style><script>track()</script></head>
<body><nav><a href="/">Accueil</a></nav><main><article><h1>Synthèse</h1>${article}</article></main><footer>Pied de page</footer></body></html>`;

describe('extractArticle', () => {
  it('keeps the article, drops the page around it, and makes its links absolute', () => {
    const article = extractArticle(page(`<p>${TEXT} <a href="../rapport.pdf">Rapport</a> <img src="/img/a.png" alt="A"></p>`.repeat(4)), 'https://www.example.ca/nouvelles/2026/synthese');
    expect(article).toContain(TEXT);
    expect(article).toContain('href="https://www.example.ca/nouvelles/rapport.pdf"');
    expect(article).toContain('src="https://www.example.ca/img/a.png"');
    expect(article).not.toContain('Accueil');
    expect(article).not.toContain('Pied de page');
  });

  it('sanitizes what Readability keeps: no script, style, handler, frame or javascript: link', () => {
    const hostile = `<p onmouseover="steal()">${TEXT}</p><p style="position:fixed">${TEXT}</p><script>steal()</script>
      <iframe src="https://evil.example/"></iframe><p><a href="javascript:steal()">clic</a> ${TEXT}</p>`;
    const article = extractArticle(page(hostile), 'https://www.example.ca/a') ?? '';
    for (const unwanted of ['onmouseover', 'style=', '<script', 'steal', '<iframe', 'javascript:']) expect(article).not.toContain(unwanted);
    expect(article).toContain(TEXT);
  });

  it('is null for a page without text', () => {
    expect(extractArticle('<html><body><script>x()</script></body></html>', 'https://www.example.ca/')).toBeNull();
  });
});
