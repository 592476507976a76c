/**
 * Raised when a reference page cannot be turned into a catalog. `entry` names the
 * mutation being read (null when the page as a whole is refused) and `line` is the
 * 1-based line of the page where the problem was found.
 */
export class PageParseError extends Error {
  override readonly name = 'PageParseError';
  readonly source: string;
  readonly entry: string | null;
  readonly line: number;

  constructor(problem: string, where: { source: string; entry: string | null; line: number }) {
    const entryPart = where.entry === null ? '' : ` (entry "${where.entry}")`;
    super(`${where.source}:${where.line}${entryPart}: ${problem}`);
    this.source = where.source;
    this.entry = where.entry;
    this.line = where.line;
  }
}
