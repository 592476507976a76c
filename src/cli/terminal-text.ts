/**
 * What the CLI prints comes partly from servers and schemas (error messages, type names, deprecation
 * reasons). Control characters in it could forge lines (CR), recolour or hide output (ESC, CSI) or change
 * the window title, bidi and zero-width characters could make a line read other than it is: every printed line
 * has them (the SDK's one rule, core/safe-text.ts) escaped as \uXXXX. Newlines and tabs the CLI writes itself
 * for layout stay. Escaping twice changes nothing, so each command may guard its own output.
 */
import { UNSAFE_CHARACTERS } from '../core/safe-text.js';

const unicodeEscape = (char: string): string => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (char) => (char === '\n' || char === '\t' ? char : unicodeEscape(char)));
}

/** The same io with every line passed through terminalSafe. */
export function terminalSafeIo<T extends { stdout: (line: string) => void; stderr: (line: string) => void }>(io: T): T {
  return { ...io, stdout: (line: string) => io.stdout(terminalSafe(line)), stderr: (line: string) => io.stderr(terminalSafe(line)) };
}

const LINE_BREAKS = /[\n\t]/g;

/**
 * Server text that must stay one line (an error naming what a server sent): line feeds and tabs escaped
 * too, so that a type name holding "\n" cannot print lines of its own ("wrote ./kraken.graphql").
 */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(LINE_BREAKS, unicodeEscape);
}
