/**
 * The tsquery text of search-as-you-type: the words of the input joined by AND, the last one a
 * prefix. Everything but letters and digits is dropped, so input never reaches the tsquery syntax.
 */
export function autocompleteTsQuery(input: string): string | null {
  const words = input.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  if (!words.length) return null;
  return words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ');
}

/** The words of a query that "did you mean" may correct: its plain words (not `or`), at most five. */
export function suggestableWords(query: string): string[] {
  return query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && word.toLowerCase() !== 'or')
    .slice(0, 5);
}
