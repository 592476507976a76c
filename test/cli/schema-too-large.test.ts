// Issue 27.8: a schema too large for the heap is refused with one line before any work starts (a 50 MB
// SDL ran out of memory minutes in). The file here is sparse: its size is what is checked, before reading.
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_BYTES_PER_SDL_BYTE, heapNeeded, schemaTooLargeProblem } from '../../src/codegen/heap-budget.js';
import { runCli } from '../../src/cli/run.js';

describe('generate --schema: a schema the heap cannot hold', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'too-large-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('is refused in one line naming the sizes and the cure, and nothing is written', async () => {
    const limit = getHeapStatistics().heap_size_limit;
    const bytes = Math.ceil(limit / HEAP_BYTES_PER_SDL_BYTE) + 1_048_576;
    const file = join(dir, 'huge.graphql');
    const handle = await open(file, 'w');
    await handle.truncate(bytes);
    await handle.close();
    const err: string[] = [];
    const status = await runCli(['generate', '--schema', file, '--out', join(dir, 'out')], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) });
    expect(status).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(new RegExp(`^kraken-sdk generate: --schema .*huge\\.graphql: a ${Math.ceil(bytes / 1_048_576)} MB schema needs about \\d+ MB of heap and this Node allows ${Math.ceil(limit / 1_048_576)} MB: nothing was generated; run it with NODE_OPTIONS=--max-old-space-size=\\d+$`));
    expect(await readdir(dir)).toEqual(['huge.graphql']);
  });

  it('the rule: refused only above the heap limit', () => {
    expect(schemaTooLargeProblem(1_048_576, heapNeeded(1_048_576))).toBeUndefined();
    expect(schemaTooLargeProblem(1_048_576, heapNeeded(1_048_576) - 1)).toMatch(/^a 1 MB schema needs about \d+ MB/);
  });
});
