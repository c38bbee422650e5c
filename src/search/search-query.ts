/** What search-as-you-type looks for: the words typed, each whole, and the last one, which is being typed. */
export interface TypedWords {
  /** The words before the last, as a tsquery that requires them all ('gouv & ou'), or ''. */
  whole: string;
  /** The word being typed: a prefix. */
  prefix: string;
}

/**
 * The words of search-as-you-type input, at most eight. Everything but letters and digits is
 * dropped, so input never reaches the tsquery syntax.
 */
export function typedWords(input: string): TypedWords | null {
  const words = input.split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
  const prefix = words.pop();
  return prefix ? { whole: words.join(' & '), prefix } : null;
}

/** The words of a query that "did you mean" may correct: its plain words (not `or`), at most five. */
export function suggestableWords(query: string): string[] {
  return query
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3 && word.toLowerCase() !== 'or')
    .slice(0, 5);
}
