/**
 * Accent folding, the twin of the SQL function `tandem_fold(text)` created by the first migration:
 * lower-case, French accents stripped, so "Québec", "QUEBEC" and "quebec" match.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyy';

export function fold(text: string): string {
  return [...text.toLowerCase()]
    .map((char) => {
      if (char === 'œ') return 'oe';
      if (char === 'æ') return 'ae';
      const index = ACCENTED.indexOf(char);
      return index >= 0 && index < PLAIN.length ? PLAIN[index] : char;
    })
    .join('');
}

/**
 * A prefix query over folded words: "qué num" finds "Québec numérique". Everything but letters
 * and digits is dropped, so user input never reaches the tsquery syntax.
 */
export function prefixTsQuery(search: string): string | null {
  const words = fold(search)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : null;
}
