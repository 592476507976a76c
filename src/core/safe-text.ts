// The one rule for text a server (or a schema) chose, wherever the SDK shows it: KrakenError's message and
// code, debug lines, channels and spans (as \xNN), the CLI's output (as \uNNNN, see cli/terminal-text.ts).
// Control characters could forge a line (CR, LF), recolour, clear or retitle a terminal (ESC, CSI, BEL);
// bidi controls and zero-width characters could make a line read other than it is.

/**
 * What is escaped: C0 and C1 controls, DEL, the line and paragraph separators; the bidi controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069), which reorder what follows on screen; the zero-width and invisible
 * characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), which hide inside a code or a name.
 */
// eslint-disable-next-line no-control-regex -- matching these characters is the point
export const UNSAFE_CHARACTERS = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The longest Kraken error code a KrakenError or an event shows (Kraken's are 10 characters). */
export const CODE_LIMIT = 64;

/** Each unsafe character as \xNN (its hex code: \x1b, \x2028), the whole cut at `limit` characters (an ellipsis last). */
export function escaped(text: string, limit: number): string {
  // Only the start is escaped: a 2 MB text costs no more than its first `limit` characters.
  const safe = text.slice(0, limit + 1).replace(UNSAFE_CHARACTERS, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return safe.length > limit ? `${safe.slice(0, limit - 1)}…` : safe;
}
