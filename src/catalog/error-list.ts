// "The possible errors that can be raised are:" and its list, read one way for reference pages and
// schema descriptions. Pages list one code per line; real schemas put them all on one line
// (`… are: - KT-CT-8223: … - KT-CT-8201: …`). An item starts at "- CODE:" at a line's start or after
// a space; anything else continues the previous item's message.
import type { CatalogError } from './types.js';

export const ERRORS_MARKER = 'The possible errors that can be raised are:';
const ITEM_START = /(?:^|\s)-\s+([A-Z]{2}-[A-Z]{2,}-\d+):(?=\s|$)/g;

export interface ErrorListItem extends CatalogError {
  /** Index of the line (in the lines given) where the item starts. */
  line: number;
}

export interface ErrorList {
  items: ErrorListItem[];
  /** The first line that is neither an item nor the continuation of one, if any. */
  unreadable: { line: number; text: string } | null;
}

export interface ErrorListOptions {
  /** Joins an item's message pieces (default: with single spaces). */
  joinMessage?: (pieces: string[]) => string;
  /** End the list at a paragraph after it (a blank line, then text that starts no item): descriptions. */
  endAtParagraph?: boolean;
}

const joinWithSpaces = (pieces: string[]): string => pieces.join(' ').replace(/\s+/g, ' ').trim();

/** Reads the lines after the marker into items, repeats kept, in order. */
export function parseErrorList(lines: readonly string[], options: ErrorListOptions = {}): ErrorList {
  const join = options.joinMessage ?? joinWithSpaces;
  const pieces: { code: string; line: number; message: string[] }[] = [];
  let unreadable: ErrorList['unreadable'] = null;
  let afterBlank = false;
  for (const [index, raw] of lines.entries()) {
    const text = raw.trim();
    if (text === '') {
      afterBlank = true;
      continue;
    }
    const starts = [...text.matchAll(ITEM_START)];
    const lead = text.slice(0, starts[0]?.index ?? text.length).trim();
    if (lead !== '') {
      const previous = pieces.at(-1);
      if (previous !== undefined && options.endAtParagraph && afterBlank) break;
      if (previous === undefined || lead.startsWith('- ')) {
        unreadable = { line: index, text: raw };
        break;
      }
      previous.message.push(lead);
    }
    afterBlank = false;
    for (const [position, start] of starts.entries()) {
      const end = starts[position + 1]?.index ?? text.length;
      pieces.push({ code: start[1] ?? '', line: index, message: [text.slice((start.index ?? 0) + start[0].length, end).trim()] });
    }
  }
  return { items: pieces.map(({ code, line, message }) => ({ code, message: join(message.filter((piece) => piece !== '')), line })), unreadable };
}

/** Codes a schema description lists after the marker, in order, each once (its first message kept). */
export function errorsFromDescription(description: string | null | undefined): CatalogError[] {
  if (!description) return [];
  const at = description.indexOf(ERRORS_MARKER);
  if (at === -1) return [];
  const { items } = parseErrorList(description.slice(at + ERRORS_MARKER.length).split('\n'), { endAtParagraph: true });
  const errors: CatalogError[] = [];
  for (const { code, message } of items) if (!errors.some((error) => error.code === code)) errors.push({ code, message });
  return errors;
}
