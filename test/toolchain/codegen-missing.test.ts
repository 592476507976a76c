// Without graphql-codegen installed, `generate --schema` says exactly what to install instead of
// Node's "Cannot find package '@graphql-codegen/cli' imported from …".
import { join, resolve } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';

const schema = resolve(import.meta.dirname, '../fulltypes/fixtures/st-full.graphql');

function notInstalled(name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from ${import.meta.dirname}/run.js`), { code: 'ERR_MODULE_NOT_FOUND' });
}

async function generateWithout(missing: string): Promise<{ status: number; err: string[] }> {
  vi.resetModules();
  vi.doMock(missing, () => {
    throw notInstalled(missing);
  });
  const { runCli } = await import('../../src/cli/run.js');
  const err: string[] = [];
  const out = join(await mkdtemp(join(tmpdir(), 'kraken-sdk-nocodegen-')), 'kraken');
  const status = await runCli(['generate', '--brand', 'st', '--schema', schema, '--out', out], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) });
  return { status, err };
}

describe('generate --schema without graphql-codegen', () => {
  afterEach(() => {
    vi.doUnmock('@graphql-codegen/cli');
    vi.doUnmock('@graphql-codegen/typescript-operations');
    vi.resetModules();
  });

  for (const missing of ['@graphql-codegen/cli', '@graphql-codegen/typescript-operations']) {
    it(`prints the npm install line when ${missing} is missing`, async () => {
      const { status, err } = await generateWithout(missing);
      expect(status).toBe(1);
      const text = err.join('\n');
      expect(text).toContain(`${missing} is not installed`);
      expect(text).toMatch(/npm install -D @graphql-codegen\/cli(@\d+)? @graphql-codegen\/add(@\d+)? @graphql-codegen\/typescript(@\d+)? @graphql-codegen\/typescript-operations(@\d+)?$/m);
      expect(text).not.toContain('imported from');
    });
  }
});
