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

/** A text, or a tsquery, in each language: SQL expressions. */
type Bilingual = { fr: string; en: string };

/**
 * A bilingual text (events, sessions, organizations, digests) as a search kind reads it: each half
 * stemmed by its own language (`tandem_search_vector`, the expressions their indexes are on).
 * `terms` are the search's tsqueries; `language` the language it is limited to (SQL text that may
 * be NULL).
 */
export function bilingualSearchText(text: Bilingual) {
  const vector = { fr: `tandem_search_vector('fr', ${text.fr})`, en: `tandem_search_vector('en', ${text.en})` };
  const halves = (terms: Bilingual) => ({ fr: `${vector.fr} @@ ${terms.fr}`, en: `${vector.en} @@ ${terms.en}` });
  return {
    /** Whether either half matches. */
    matches: (terms: Bilingual) => `(${halves(terms).fr} OR ${halves(terms).en})`,
    /** The rank of the better half. */
    rank: (terms: Bilingual) => `greatest(ts_rank(${vector.fr}, ${terms.fr}), ts_rank(${vector.en}, ${terms.en}))`,
    /**
     * The language of a hit: the one the search is limited to when that half matches, else French
     * when the French half does; `inLanguage` picks the half of a text in it.
     */
    hit: (terms: Bilingual & { language: string }) => {
      const matched = halves(terms);
      const language = `CASE WHEN ${terms.language} = 'en' AND ${matched.en} THEN 'en' WHEN ${matched.fr} THEN 'fr' ELSE 'en' END`;
      return { language, inLanguage: (half: Bilingual) => `CASE WHEN ${language} = 'fr' THEN ${half.fr} ELSE ${half.en} END` };
    },
  };
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
