// Finding lexicon words in lower-cased text. Latin words must stand alone ("tel"
// is not in "hotel"); words in scripts without spaces (Japanese, Chinese) and
// the code words, which German and Dutch compound ("Bestätigungscode"), may not.

const LETTER = /[\p{L}\p{N}]/u;

const needsBoundary = (word: string): boolean => /^[a-z(©]/.test(word);

/** Last index at which one of words ends in text, or -1; boundaries as described above. */
export function lastWordEnd(
  text: string,
  words: readonly string[],
  options: { compounds?: boolean } = {},
): number {
  let best = -1;
  for (const word of words) {
    let from = text.length;
    while (from >= 0) {
      const at = text.lastIndexOf(word, from);
      if (at < 0) break;
      const end = at + word.length;
      const before = text[at - 1] ?? " ";
      const after = text[end] ?? " ";
      const bounded =
        options.compounds || !needsBoundary(word) || (!LETTER.test(before) && !LETTER.test(after));
      if (bounded) {
        if (end > best) best = end;
        break;
      }
      from = at - 1;
    }
  }
  return best;
}

export const hasWord = (
  text: string,
  words: readonly string[],
  options: { compounds?: boolean } = {},
): boolean => lastWordEnd(text, words, options) >= 0;

/** First index at which one of words starts in text (boundaries as above), or -1. */
export function firstWordStart(text: string, words: readonly string[]): number {
  let best = -1;
  for (const word of words) {
    let from = 0;
    while (from <= text.length) {
      const at = text.indexOf(word, from);
      if (at < 0) break;
      const before = text[at - 1] ?? " ";
      const after = text[at + word.length] ?? " ";
      if (!needsBoundary(word) || (!LETTER.test(before) && !LETTER.test(after))) {
        if (best < 0 || at < best) best = at;
        break;
      }
      from = at + 1;
    }
  }
  return best;
}
