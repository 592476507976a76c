// How the README test reads blocks and their markers: a marker without a reason, or one it cannot read, is an
// error rather than a silently skipped block.
import { describe, expect, it } from 'vitest';
import { blockName, readmeBlocks, ReadmeMarkerError } from './blocks.js';

const fence = '```';

describe('readmeBlocks', () => {
  it('reads each fenced block with its language, line, section and marker', () => {
    const blocks = readmeBlocks(
      [
        '# Title',
        '## Install',
        `${fence}sh`,
        'npm install kraken-sdk',
        fence,
        '<!-- readme-test: fragment: the middle of a loop -->',
        '',
        `${fence}ts`,
        'kraken.request(Document);',
        fence,
        '## Queries',
        '<!-- readme-test: compile-only: calls the real API -->',
        `${fence}ts`,
        '// comment',
        "import { x } from 'y';",
        fence,
        `${fence}graphql`,
        '# src/graphql/a.graphql',
        'query A { a }',
        fence,
      ].join('\n'),
    );
    expect(blocks.map(({ lang, line, section, mode, reason, path }) => ({ lang, line, section, mode, reason, path }))).toEqual([
      { lang: 'sh', line: 4, section: 'Install', mode: 'run', reason: undefined, path: undefined },
      { lang: 'ts', line: 9, section: 'Install', mode: 'fragment', reason: 'the middle of a loop', path: undefined },
      { lang: 'ts', line: 14, section: 'Queries', mode: 'compile-only', reason: 'calls the real API', path: undefined },
      { lang: 'graphql', line: 18, section: 'Queries', mode: 'run', reason: undefined, path: 'src/graphql/a.graphql' },
    ]);
    expect(blockName(blocks[2]!)).toBe("README.md:14 (Queries) import { x } from 'y';");
  });

  it('refuses a marker it cannot read (no reason, unknown kind) and an unclosed fence', () => {
    expect(() => readmeBlocks(`<!-- readme-test: fragment -->\n${fence}ts\nx;\n${fence}`)).toThrow(ReadmeMarkerError);
    expect(() => readmeBlocks(`<!-- readme-test: skip: later -->\n${fence}ts\nx;\n${fence}`)).toThrow(/unreadable marker/);
    expect(() => readmeBlocks(`${fence}ts\nx;\n`)).toThrow(/never closed/);
  });
});
