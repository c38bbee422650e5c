import { performance } from 'node:perf_hooks';
import { htmlToPlainText, sanitizeRichText } from './rich-text';

/** A selection of the OWASP XSS filter evasion cheat sheet: none may survive with anything that runs. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<img src="javascript:alert(1)">',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>',
  '<img src="jav&#x09;ascript:alert(1);">',
  '<a href=" &#14;  javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<svg/onload=alert(1)>',
  '<body onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<div style="background-image: url(javascript:alert(1))">x</div>',
  '<p style="width: expression(alert(1))">x</p>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<<script>alert(1);//<</script>',
  '<p onmouseover="alert(1)">hover</p>',
  '<a href="https://ok.example" onclick="alert(1)">ok</a>',
  '<details open ontoggle=alert(1)>',
  '"><script>alert(1)</script>',
  '<img src="https://ok.example/a.png" style="position:fixed">',
];

const DANGEROUS = /<script|<iframe|<object|<embed|<svg|<style|<base|<meta|<form|<input|<details|<body|javascript:|vbscript:|data:|\son\w+=|style=|expression\(|href="\/\//i;

describe('sanitizeRichText', () => {
  it.each(PAYLOADS)('defuses %s', (payload) => {
    expect(sanitizeRichText(payload)).not.toMatch(DANGEROUS);
  });

  it('keeps the structure and links people write', () => {
    expect(sanitizeRichText('<h2>Titre</h2><p>Un <strong>texte</strong> avec <a href="https://quebec.ca/x" title="t">un lien</a>.</p><ul><li>un</li></ul>')).toBe(
      '<h2>Titre</h2><p>Un <strong>texte</strong> avec <a href="https://quebec.ca/x" title="t" rel="noopener noreferrer nofollow">un lien</a>.</p><ul><li>un</li></ul>',
    );
  });

  it('keeps no control character a character reference spells', () => {
    expect(sanitizeRichText('<p>a&#1;b&#x1F;c\td</p>')).toBe('<p>abc\td</p>');
  });

  it('forces safe rel on every link, whatever the author wrote', () => {
    expect(sanitizeRichText('<a href="https://x.example" rel="opener">x</a>')).toBe('<a href="https://x.example" rel="noopener noreferrer nofollow">x</a>');
  });
});

describe('htmlToPlainText', () => {
  it('keeps the words only, decoding entities once', () => {
    expect(htmlToPlainText('<p>Gouvernement&nbsp;<b>numérique</b> &amp;lt;3</p><script>alert(1)</script>')).toBe('Gouvernement numérique &lt;3');
  });

  it('reads a tag left open as fast as text: a feed title of 60,000 "<br" and no ">"', () => {
    const timed = (html: string) => {
      const started = performance.now();
      htmlToPlainText(html);
      return performance.now() - started;
    };
    const open = '<br'.repeat(60_000);
    const text = 'a'.repeat(open.length);
    timed(text);
    // Read to the next ">" from each "<br", it took seconds: quadratic, where text takes milliseconds.
    expect(timed(open)).toBeLessThan(20 * timed(text) + 100);
  });

  it('keeps the words of two blocks apart, and the words of one block together', () => {
    expect(htmlToPlainText('<p>texte.</p><P>Un</P><div>deux<br>trois</div><ul><li>quatre</li><li>cinq</li></ul>six<b>sept</b>')).toBe('texte. Un deux trois quatre cinq sixsept');
  });
});
