// Issue 27.1: the open brand registry. Known brands pull from their own endpoint without --endpoint; any
// other id needs one; the README's table is the registry.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, getIntrospectionQuery, graphqlSync } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';
import { runCli } from '../../src/cli/run.js';
import { KNOWN_BRANDS } from '../../src/codegen/brand-registry.js';

const introspection = graphqlSync({ schema: buildSchema('type Query { hello: String }'), source: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true, oneOf: true }) });

/** A fetch that never leaves the machine: records the URL, answers introspection. */
function recordingFetch(urls: string[]): typeof fetch {
  return (input) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return Promise.resolve(new Response(JSON.stringify(introspection), { status: 200, headers: { 'content-type': 'application/json' } }));
  };
}

describe('the brand registry', () => {
  let dir: string;
  const io = { stdout: () => {}, stderr: () => {} };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'registry-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("the README's brands table is the registry", async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z][a-z0-9-]*)` \| ([^|]+?) \| `(https:[^`]+)`(?:, auth `(https:[^`]+)`)? \|$/gm)];
    expect(Object.fromEntries(rows.map(([, id, , api, auth]) => [id, { api, ...(auth ? { auth } : {}) }]))).toEqual(
      Object.fromEntries(Object.entries(KNOWN_BRANDS).map(([id, brand]) => [id, { ...brand.endpoints }])),
    );
  });

  it.each(Object.entries(KNOWN_BRANDS))('pull --brand %s without --endpoint goes to its own endpoint only', async (id, brand) => {
    const urls: string[] = [];
    const out = join(dir, `${id}.graphql`);
    expect(await runPullCommand(['--brand', id, '--out', out], io, { env: {}, fetch: recordingFetch(urls) })).toBe(0);
    expect(new Set(urls)).toEqual(new Set([brand.endpoints.api]));
    expect((await readFile(out, 'utf8')).split('\n').slice(1, 3)).toEqual([`# Endpoint: ${brand.endpoints.api}`, ...(brand.endpoints.auth ? [`# Auth endpoint: ${brand.endpoints.auth}`] : [`# Brand: ${id}`])]);
  });

  it('any other brand id works with --endpoint, and is refused without one', async () => {
    const urls: string[] = [];
    expect(await runPullCommand(['--brand', 'my-utility', '--endpoint', 'https://api.my-utility.example/v1/graphql/', '--out', join(dir, 'mine.graphql')], io, { env: {}, fetch: recordingFetch(urls) })).toBe(0);
    expect(urls).toEqual(['https://api.my-utility.example/v1/graphql/']);
    const err: string[] = [];
    const status = await runCli(['pull', '--brand', 'my-utility', '--out', join(dir, 'x.graphql')], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) });
    expect(status).toBe(2);
    expect(err[0]).toMatch(/^kraken-sdk pull: Brand "my-utility" is not in the registry \(edfgb, .*\): give its --endpoint\.$/);
  });

  it.each([['My_Brand'], ['9lives'], ['a b']])('a brand id that is not one (%s) is named', async (id) => {
    const err: string[] = [];
    expect(await runCli(['pull', '--brand', id, '--endpoint', 'https://x.example/v1/graphql/', '--out', join(dir, 'y.graphql')], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) })).toBe(2);
    expect(err[0]).toContain(`--brand "${id}" is not a brand id`);
  });

  it('pull with neither --endpoint nor --brand names what is missing', async () => {
    const err: string[] = [];
    expect(await runCli(['pull', '--out', join(dir, 'z.graphql')], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) })).toBe(2);
    expect(err[0]).toMatch(/^kraken-sdk pull: Flag --endpoint is required \(or --brand, for a brand of the registry: /);
  });
});
