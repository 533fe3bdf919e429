/**
 * Plain-text search for lists the analyst filters by typing (the quick switcher): case and
 * accents do not matter, and every word typed must appear somewhere, in any order.
 */

/** Lower case without accents, so "societe" finds "Société". */
export function foldForSearch(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase();
}

/** The words of a query, folded; an empty query has none. */
export function searchTerms(query: string): string[] {
  return foldForSearch(query)
    .split(/\s+/)
    .filter((term) => term !== "");
}

/** True when every term appears in one of the texts (no terms: everything matches). */
export function matchesAllTerms(terms: readonly string[], texts: readonly string[]): boolean {
  const haystack = foldForSearch(texts.join(" "));
  return terms.every((term) => haystack.includes(term));
}
