import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncOutputs } from '../../src/generator/output.js';

describe('syncOutputs', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'sync-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes new and changed files, removes stale ones in owned folders only, and is idempotent', async () => {
    await mkdir(join(root, 'owned/sub'), { recursive: true });
    await mkdir(join(root, 'other'), { recursive: true });
    await writeFile(join(root, 'owned/sub/stale.txt'), 'old');
    await writeFile(join(root, 'owned/same.txt'), 'same');
    await writeFile(join(root, 'other/keep.txt'), 'keep');
    const files = new Map([
      ['owned/same.txt', 'same'],
      ['owned/new/a.txt', 'a'],
    ]);

    const checked = await syncOutputs(files, { root, check: true, ownedDirs: ['owned'] });
    expect(checked).toEqual({ changed: ['owned/new/a.txt'], removed: ['owned/sub/stale.txt'] });
    expect(await readFile(join(root, 'owned/sub/stale.txt'), 'utf8')).toBe('old');

    const written = await syncOutputs(files, { root, check: false, ownedDirs: ['owned'] });
    expect(written).toEqual(checked);
    expect(await readFile(join(root, 'owned/new/a.txt'), 'utf8')).toBe('a');
    expect(await readdir(join(root, 'owned/sub'))).toEqual([]);
    expect(await readFile(join(root, 'other/keep.txt'), 'utf8')).toBe('keep');

    expect(await syncOutputs(files, { root, check: true, ownedDirs: ['owned'] })).toEqual({ changed: [], removed: [] });
  });
});
