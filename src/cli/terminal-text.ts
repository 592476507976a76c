/**
 * What the CLI prints comes partly from servers and schemas (error messages, type names, deprecation
 * reasons). Control characters in it could forge lines (CR), recolour or hide output (ESC, CSI) or change
 * the window title, so every printed line has them escaped as \uXXXX. Newlines and tabs the CLI writes
 * itself for layout stay. Escaping twice changes nothing, so each command may guard its own output.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

export function terminalSafe(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
  return terminalSafe(text).replace(LINE_BREAKS, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
