import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';

const fixture = await readFile(new URL('./fixtures/st-full.graphql', import.meta.url), 'utf8');

describe("kraken-sdk pull from the project's mock Kraken serving the test schema", () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startMockKrakenServer>>;
  const err: string[] = [];
  const io = { stdout: () => {}, stderr: (line: string) => err.push(line) };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pull-mock-'));
    server = await startMockKrakenServer({ brand: 'st', schema: fixture });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the schema over HTTP, byte-stable between pulls, logged in from the environment', async () => {
    const first = join(dir, 'a.graphql');
    const second = join(dir, 'b.graphql');
    const env = { KRAKEN_EMAIL: 'user@example.com', KRAKEN_PASSWORD: 'any-password' };
    expect(await runPullCommand(['--brand', 'st', '--endpoint', server.apiUrl, '--out', first], io, { env, now: () => new Date('2026-05-06T00:00:00Z') })).toBe(0);
    expect(await runPullCommand(['--brand', 'st', '--endpoint', server.apiUrl, '--out', second], io, { env: {}, now: () => new Date('2026-07-08T00:00:00Z') })).toBe(0);
    const [a, b] = [await readFile(first, 'utf8'), await readFile(second, 'utf8')];
    expect(err).toEqual([]);
    expect(a.slice(a.indexOf('\n'))).toBe(b.slice(b.indexOf('\n')));
    expect(a.split('\n')[0]).toContain('on 2026-05-06');
    expect(printSchema(lexicographicSortSchema(buildSchema(a)))).toBe(printSchema(lexicographicSortSchema(buildSchema(fixture))));
  });
});
