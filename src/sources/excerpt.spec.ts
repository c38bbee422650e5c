import { htmlToPlainText } from '../common/rich-text';
import { excerpt } from './excerpt';

/** The excerpt as the whole fragment's text gives it. */
const ofWhole = (html: string, length: number) => {
  const text = htmlToPlainText(html);
  return !text ? null : text.length > length ? `${text.slice(0, length - 1).trimEnd()}…` : text;
};

describe('excerpt', () => {
  it('is the start of the whole text, however long the fragment and wherever its tags fall', () => {
    const paragraph = (index: number) => `<p>Paragraphe ${index} : l&#39;accès &amp; la <a href="https://example.ca/${'x'.repeat(index % 7 === 0 ? 3000 : 10)}">lien</a> <b>gras</b></p>`;
    const long = Array.from({ length: 2000 }, (_, index) => paragraph(index)).join('');
    const fewWordsManyTags = `<p>Court</p>${'<a href="https://example.ca/"></a>'.repeat(5000)}<p>puis la suite</p>`;
    const script = `<p>Avant</p><script>${'x'.repeat(10000)}</script><p>${'Après '.repeat(2000)}</p>`;
    for (const html of [long, fewWordsManyTags, script, 'Sans balise '.repeat(2000), '<p></p>'.repeat(3000)]) {
      for (const length of [300, 400]) expect(excerpt(html, length)).toBe(ofWhole(html, length));
    }
    expect(excerpt(null, 300)).toBeNull();
  });
});
