// A fresh clone has no reference pages: the tests that read them skip with a reason, CI refuses to
// skip them, and `npm run generate` says in one line what is missing instead of a stack trace.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { referencePagePaths, ReferencePagesMissingError } from '../../src/generator/reference-dir.js';
import { referencePages } from '../support/reference-pages.js';

const projectRoot = join(import.meta.dirname, '../..');
const run = promisify(execFile);

describe('reference pages missing', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kraken-no-pages-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('the tests that need them skip, saying why and naming KRAKEN_REFERENCE_DIR', () => {
    for (const dir of [join(folder, 'absent'), folder]) {
      const pages = referencePages({ KRAKEN_REFERENCE_DIR: dir });
      expect(pages.dir).toBe(dir);
      expect(pages.skipReason).toContain(dir);
      expect(pages.skipReason).toContain('KRAKEN_REFERENCE_DIR');
      expect(pages.skipReason).not.toContain('\n');
    }
  });

  it('with KRAKEN_REQUIRE_REFERENCE=1 (CI) a skip becomes an error', () => {
    expect(() => referencePages({ KRAKEN_REFERENCE_DIR: folder, KRAKEN_REQUIRE_REFERENCE: '1' })).toThrow(
      /KRAKEN_REQUIRE_REFERENCE=1 but no reference pages/,
    );
  });

  it('a folder holding a <brand>-mutations.txt page counts as present, and only such pages are read', async () => {
    await writeFile(join(folder, 'zz-mutations.txt'), 'page');
    await writeFile(join(folder, 'notes.txt'), 'not a page');
    expect(referencePages({ KRAKEN_REFERENCE_DIR: folder, KRAKEN_REQUIRE_REFERENCE: '1' }).skipReason).toBeNull();
    expect(referencePagePaths(folder)).toEqual([join(folder, 'zz-mutations.txt')]);
  });

  it('an empty folder is missing pages too', () => {
    expect(() => referencePagePaths(folder)).toThrow(ReferencePagesMissingError);
  });

  // One run: plain `generate` reads the pages the same way before it writes anything.
  it('npm run generate -- --check prints one line naming the folder, no stack trace, and exits 2', { timeout: 120_000 }, async () => {
    const tsx = join(projectRoot, 'node_modules/tsx/dist/cli.mjs');
    const failure = await run(process.execPath, [tsx, 'src/generator/cli.ts', '--check'], {
      cwd: projectRoot,
      env: { ...process.env, KRAKEN_REFERENCE_DIR: join(folder, 'absent') },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.trimEnd().split('\n')).toEqual([
      `generate: no reference pages (<brand>-mutations.txt) in ${join(folder, 'absent')}: set KRAKEN_REFERENCE_DIR to the folder that holds them, or place them in ../shared/reference beside the project`,
    ]);
  });
});
