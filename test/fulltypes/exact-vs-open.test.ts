import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

async function table(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [tsx, 'scripts/exact-vs-open.ts', ...args], { cwd: root });
  return stdout.trim();
}

// The closing note's "exact vs open" table, computed by the committed script from committed files
// (schema/, catalog/, the hand-written test schema): a change to these figures is a reviewed change.
describe('scripts/exact-vs-open.ts', () => {
  it('measures the page schemas', async () => {
    expect(await table()).toBe(
      [
        '| brand | arguments exact / open | input fields exact / open | result fields exact / open |',
        '|---|---|---|---|',
        '| oejp | 4 / 95 | 0 / 0 | 75 / 112 |',
        '| st | 18 / 286 | 0 / 0 | 180 / 467 |',
      ].join('\n'),
    );
  }, 60_000);

  it('measures the hand-written test schema over st', async () => {
    expect(await table('test/fulltypes/fixtures/st-full.graphql', '--brand', 'st')).toContain(
      '| st (test/fulltypes/fixtures/st-full.graphql) | 14 / 0 | 40 / 1 | 76 / 2 |',
    );
  }, 60_000);
});
