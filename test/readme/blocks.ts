// Reads the README's fenced code blocks with what the README test needs to know about each: its language, where it
// is, the section it is in, and the marker an HTML comment right before it may give:
//   <!-- readme-test: compile-only: why -->   type-checked, not run
//   <!-- readme-test: fragment: why -->       neither (a part of a larger program); named in the test output with why
// Every other TypeScript/JavaScript block is type-checked and run. A `graphql` block whose first line is a comment
// naming a path (`# src/graphql/transactions.graphql`) is a file the examples use.

export type BlockMode = 'run' | 'compile-only' | 'fragment';

export interface ReadmeBlock {
  /** The language after the fence (`ts`, `js`, `sh`, `graphql`, ...). */
  readonly lang: string;
  /** 1-based line of the first line of code (after the fence). */
  readonly line: number;
  readonly code: string;
  readonly section: string;
  readonly mode: BlockMode;
  /** Why a block is compile-only or a fragment. */
  readonly reason: string | undefined;
  /** For a graphql block: the path its first line names. */
  readonly path: string | undefined;
}

export const CODE_LANGS = new Set(['ts', 'typescript', 'js', 'javascript', 'mjs', 'mts']);
const MARKER = /^<!--\s*readme-test:\s*(compile-only|fragment)\s*:\s*(.+?)\s*-->$/;

export class ReadmeMarkerError extends Error {}

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  let section = '(top)';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1] ?? section;
    const fence = /^```(\w*)\s*$/.exec(line);
    if (!fence) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && lines[end] !== '```') end += 1;
    if (end >= lines.length) throw new ReadmeMarkerError(`README.md:${index + 1}: a code fence that is never closed`);
    const code = lines.slice(start, end).join('\n');
    const lang = fence[1] ?? '';
    let previous = index - 1;
    while (previous >= 0 && (lines[previous] ?? '').trim() === '') previous -= 1;
    const before = (lines[previous] ?? '').trim();
    let mode: BlockMode = 'run';
    let reason: string | undefined;
    if (before.startsWith('<!--') && before.includes('readme-test')) {
      const marker = MARKER.exec(before);
      if (!marker) throw new ReadmeMarkerError(`README.md:${previous + 1}: unreadable marker ${before} (readme-test: compile-only: why, or fragment: why)`);
      mode = marker[1] as BlockMode;
      reason = marker[2];
    }
    const path = lang === 'graphql' ? /^#\s*(\S+\.graphql)\s*$/.exec(code.split('\n')[0] ?? '')?.[1] : undefined;
    blocks.push({ lang, line: start + 1, code, section, mode, reason, path });
    index = end;
  }
  return blocks;
}

/** How the test names a block: where it is and how it starts. */
export function blockName(block: ReadmeBlock): string {
  const first = block.code.split('\n').find((line) => line.trim() !== '' && !line.trim().startsWith('//')) ?? '';
  return `README.md:${block.line} (${block.section}) ${first.trim().slice(0, 60)}`;
}
