import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Metafile } from 'esbuild';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * msw is an optional peer: the bin and `kraken-sdk/mocks/node` must not reach it through any import.
 * Built as tsup builds the package (one build, shared chunks), with msw left external, into a folder
 * outside the project where msw cannot resolve; then the built outputs are run from there.
 */
let outDir: string;
let metafile: Metafile;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'kraken-msw-free-'));
  const result = await build({
    entryPoints: { cli: 'src/cli/main.ts', 'mocks-node': 'mocks/node.ts', mocks: 'mocks/index.ts' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    metafile: true,
    logLevel: 'silent',
    external: ['msw', 'msw/*'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  metafile = result.metafile;
  // A package.json of its own, so nothing resolves from the project's node_modules.
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}');
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** Every bare import an output reaches, following its shared chunks. */
function externalImportsOf(entryName: string): string[] {
  const outputs = metafile.outputs;
  const key = Object.keys(outputs).find((path) => path.endsWith(`/${entryName}.mjs`));
  if (!key) throw new Error(`no output for ${entryName}`);
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const entry of outputs[path]?.imports ?? []) {
      if (entry.external) external.add(entry.path);
      else visit(entry.path);
    }
  };
  visit(key);
  return [...external];
}

function runNode(args: string[]) {
  const child = spawn(process.execPath, args, { cwd: outDir, stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited ${String(code)} before printing: ${stderr}`)));
  });
  return { child, firstLine };
}

async function obtainToken(url: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { obtainKrakenToken(input: { email: "user@example.com", password: "correct-password" }) { token } }' }),
  });
  return response.json();
}

describe('without msw installed', () => {
  it.each(['cli', 'mocks-node'])('%s reaches no msw import (the mocks entry does)', (entry) => {
    expect(externalImportsOf(entry).filter((path) => path === 'msw' || path.startsWith('msw/'))).toEqual([]);
    expect(externalImportsOf('mocks')).toContain('msw');
  });

  it('the built bin serves the mock from a folder where msw cannot resolve', async () => {
    const { child, firstLine } = runNode([join(outDir, 'cli.mjs'), 'mock-server', '--brand', 'st', '--port', '0']);
    try {
      const url = await firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/$/);
      expect(await obtainToken(url)).toMatchObject({ data: { obtainKrakenToken: { token: expect.any(String) } } });
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('the built mocks/node entry starts a server from there', async () => {
    const script = join(outDir, 'start.mjs');
    await writeFile(
      script,
      "import { startMockKrakenServer } from './mocks-node.mjs';\nconst server = await startMockKrakenServer({ brand: 'oejp' });\nconsole.log(server.apiUrl);\n",
    );
    const { child, firstLine } = runNode([script]);
    try {
      const url = await firstLine;
      expect(url).toMatch(/\/v1\/graphql\/$/);
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
