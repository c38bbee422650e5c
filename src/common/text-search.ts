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

/**
 * The language of a hit of a bilingual row, as SQL, from whether each half matches (`matches`, SQL
 * booleans): the language the search is limited to (`asked`, SQL text that may be NULL) when that
 * half matches, else French when the French half does. `inLanguage` picks the half of a text in it.
 */
export function bilingualHit(matches: { fr: string; en: string }, asked: string): { language: string; inLanguage(text: { fr: string; en: string }): string } {
  const language = `CASE WHEN ${asked} = 'en' AND ${matches.en} THEN 'en' WHEN ${matches.fr} THEN 'fr' ELSE 'en' END`;
  return { language, inLanguage: (text) => `CASE WHEN ${language} = 'fr' THEN ${text.fr} ELSE ${text.en} END` };
}

/**
 * A search kind's `text` (src/search/search-terms.ts): the text, over `alias`, of the row of
 * `table` a hit's `text_id` names; a bilingual text in the language the hit matched.
 */
export function textOfHit(table: string, alias: string, text: string | { fr: string; en: string }): (hit: string) => string {
  return (hit) => {
    const expression = typeof text === 'string' ? text : `CASE WHEN ${hit}.language = 'fr' THEN ${text.fr} ELSE ${text.en} END`;
    return `(SELECT ${expression} FROM ${table} ${alias} WHERE ${alias}.id = ${hit}.text_id)`;
  };
}
