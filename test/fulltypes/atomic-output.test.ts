import * as nodeFs from 'node:fs/promises';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { writeOutputDirectory, type OutputFs } from '../../src/codegen/write-output.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtureSchema = join(here, 'fixtures/st-full.graphql');

const OLD = new Map([
  ['index.ts', 'old index\n'],
  ['graphql.ts', 'old graphql\n'],
]);
const NEW = new Map([
  ['client.ts', 'new client\n'],
  ['graphql.ts', 'new graphql\n'],
  ['index.ts', 'new index\n'],
]);

/** Node's fs, except that the `n`-th call of `method` fails. */
function failingOn(method: 'writeFile' | 'rename', n: number): OutputFs {
  let calls = 0;
  const failing = async (...args: unknown[]): Promise<void> => {
    calls += 1;
    if (calls === n) throw Object.assign(new Error(`injected ${method} failure`), { code: 'EIO' });
    await (nodeFs[method] as (...a: unknown[]) => Promise<void>)(...args);
  };
  return { ...nodeFs, [method]: failing };
}

/** The generated files plus the user's own file that every write must leave alone. */
function withUserFile(generated: Map<string, string>): Map<string, string> {
  return new Map([...generated, ['mine.ts', 'a file of the user\n'] as const].sort(([a], [b]) => a.localeCompare(b)));
}

async function contents(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) files.set(name, await readFile(join(dir, name), 'utf8'));
  return files;
}

describe('writeOutputDirectory: all files or none', () => {
  let parent: string;
  let out: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'atomic-out-'));
    out = join(parent, 'kraken');
    await mkdir(out);
    for (const [name, text] of OLD) await writeFile(join(out, name), text);
    await writeFile(join(out, 'mine.ts'), 'a file of the user\n');
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('replaces the generated files, keeps the others, and leaves no temporary folder', async () => {
    await writeOutputDirectory(out, NEW);
    expect(await contents(out)).toEqual(withUserFile(NEW));
    expect(await readdir(parent)).toEqual(['kraken']);
  });

  it.each([1, 2, 3])('a write error on file %i leaves the old output intact and no temporary folder', async (n) => {
    await expect(writeOutputDirectory(out, NEW, failingOn('writeFile', n))).rejects.toThrow('injected writeFile failure');
    expect(await contents(out)).toEqual(withUserFile(OLD));
    expect(await readdir(parent)).toEqual(['kraken']);
  });

  it.each([1, 2, 3, 4, 5])('a failing rename (call %i) while swapping in is rolled back', async (n) => {
    await expect(writeOutputDirectory(out, NEW, failingOn('rename', n))).rejects.toThrow('injected rename failure');
    expect(await contents(out)).toEqual(withUserFile(OLD));
    expect(await readdir(parent)).toEqual(['kraken']);
  });

  it('does not create --out when writing a new one fails', async () => {
    const fresh = join(parent, 'fresh');
    await expect(writeOutputDirectory(fresh, NEW, failingOn('writeFile', 2))).rejects.toThrow('injected writeFile failure');
    expect((await readdir(parent)).sort()).toEqual(['kraken']);
  });

  it('refuses a target that is not a file, touching nothing', async () => {
    await mkdir(join(out, 'client.ts'));
    await writeFile(join(out, 'client.ts', 'inside.txt'), 'keep me\n');
    await expect(writeOutputDirectory(out, NEW)).rejects.toThrow(`${join(out, 'client.ts')} exists and is not a file`);
    expect(await readFile(join(out, 'client.ts', 'inside.txt'), 'utf8')).toBe('keep me\n');
    expect(await readFile(join(out, 'graphql.ts'), 'utf8')).toBe('old graphql\n');
    expect(await readdir(parent)).toEqual(['kraken']);
  });
});

describe('kraken-sdk generate --schema with an unwritable --out', () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'atomic-cli-'));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  async function cli(argv: string[]): Promise<{ status: number; err: string[] }> {
    const err: string[] = [];
    const status = await runCli(argv, { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) });
    // The fixture's unknown scalar is warned about on every run; only the failure matters here.
    return { status, err: err.filter((line) => !line.includes(': warning: ')) };
  }

  it('--out naming a file: one line, exit 1, the file untouched, no temporary folder', async () => {
    const out = join(parent, 'kraken');
    await writeFile(out, 'not a folder\n');
    const run = await cli(['generate', '--brand', 'st', '--schema', fixtureSchema, '--out', out]);
    expect(run.err).toEqual([`kraken-sdk generate: cannot write --out ${out}: ${out} exists and is not a folder`]);
    expect(run.status).toBe(1);
    expect(await readFile(out, 'utf8')).toBe('not a folder\n');
    expect(await readdir(parent)).toEqual(['kraken']);
  }, 120_000);

  it('a generated file name taken by a folder: one line, exit 1, the old output intact', async () => {
    const out = join(parent, 'kraken');
    await mkdir(join(out, 'documents.ts'), { recursive: true });
    await writeFile(join(out, 'index.ts'), 'old index\n');
    const run = await cli(['generate', '--brand', 'st', '--schema', fixtureSchema, '--out', out]);
    expect(run.err).toEqual([`kraken-sdk generate: cannot write --out ${out}: ${join(out, 'documents.ts')} exists and is not a file`]);
    expect(run.status).toBe(1);
    expect((await readdir(out)).sort()).toEqual(['documents.ts', 'index.ts']);
    expect(await readFile(join(out, 'index.ts'), 'utf8')).toBe('old index\n');
    expect(await readdir(parent)).toEqual(['kraken']);
  }, 120_000);
});
