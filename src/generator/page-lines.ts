/** One physical line of a page after un-gluing, with the line number it came from. */
export interface PageLine {
  text: string;
  line: number;
}

/**
 * Splits the page into trimmed lines. The st page glues the next token onto closing
 * braces (`}}}acceptOfferForQuoting`, `}Variables`, `}Response`); a run of `}` followed by
 * a letter is split into the braces and the rest, both keeping the original line number.
 */
export function splitPageLines(text: string): PageLine[] {
  const result: PageLine[] = [];
  const rawLines = text.replace(/\r\n?/g, '\n').split('\n');
  rawLines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const glued = /^(}+)([A-Za-z].*)$/.exec(trimmed);
    if (glued) {
      result.push({ text: glued[1] ?? '', line });
      result.push({ text: glued[2] ?? '', line });
    } else {
      result.push({ text: trimmed, line });
    }
  });
  return result;
}
