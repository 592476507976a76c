import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';
import { authFromEnv } from '../../src/pull/env-auth.js';
import { PullError, pullSchemaSdl } from '../../src/pull/pull.js';
import { FIXTURE_API_KEY, FIXTURE_PASSWORD, FIXTURE_TOKEN, startSchemaServer, type SchemaServer, type SchemaServerMode } from './schema-server.js';

const fixture = await readFile(new URL('./fixtures/st-full.graphql', import.meta.url), 'utf8');
const day = (iso: string) => () => new Date(iso);

describe('kraken-sdk pull', () => {
  let dir: string;
  let server: SchemaServer | undefined;
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line) };
  const serve = async (mode: SchemaServerMode): Promise<SchemaServer> => (server = await startSchemaServer(fixture, mode));

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pull-'));
    out.length = 0;
    err.length = 0;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the schema as sorted SDL with a header naming the origin and date; two pulls differ only in the header date', async () => {
    const { url } = await serve('open');
    const first = join(dir, 'first.graphql');
    const second = join(dir, 'second.graphql');
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', first], io, { env: {}, now: day('2026-01-02T10:00:00Z') })).toBe(0);
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', second], io, { env: {}, now: day('2026-03-04T10:00:00Z') })).toBe(0);
    const [a, b] = [await readFile(first, 'utf8'), await readFile(second, 'utf8')];
    const origin = new URL(url).origin;
    expect(a.split('\n')[0]).toBe(`# Schema of ${origin}, pulled by kraken-sdk pull on 2026-01-02 (introspection; sorted).`);
    expect(b.split('\n')[0]).toContain('on 2026-03-04');
    const body = (text: string) => text.slice(text.indexOf('\n'));
    expect(body(a)).toBe(body(b));
    // The body is the served schema, sorted: same types, fields and descriptions.
    expect(printSchema(lexicographicSortSchema(buildSchema(a)))).toBe(printSchema(lexicographicSortSchema(buildSchema(fixture))));
    // The endpoint (origin and path) and brand are recorded for generate --schema; nothing else of the URL.
    expect(a.split('\n').slice(1, 3)).toEqual([`# Endpoint: ${url}`, '# Brand: st']);
    expect(out).toEqual([`wrote ${first}`, `wrote ${second}`]);
    expect(err).toEqual([]);
  });

  it('sends the token from the environment, and only then gets the schema', async () => {
    const { url, authorizations } = await serve('auth-required');
    const file = join(dir, 'schema.graphql');
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', file], io, { env: { KRAKEN_TOKEN: FIXTURE_TOKEN } })).toBe(0);
    expect(authorizations).toEqual([FIXTURE_TOKEN]);
    expect(await readFile(file, 'utf8')).toContain('type Mutation {');
  });

  it('logs in with KRAKEN_EMAIL/KRAKEN_PASSWORD through the SDK client, then introspects with the token', async () => {
    const { url, authorizations } = await serve('auth-required');
    const file = join(dir, 'schema.graphql');
    const env = { KRAKEN_EMAIL: 'user@example.com', KRAKEN_PASSWORD: FIXTURE_PASSWORD };
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', file], io, { env })).toBe(0);
    expect(authorizations).toEqual([undefined, FIXTURE_TOKEN]);
    expect(await readFile(file, 'utf8')).toContain('type Mutation {');
  });

  it('refused credentials: one line without the password, exit 1, nothing written', async () => {
    const { url } = await serve('auth-required');
    const file = join(dir, 'schema.graphql');
    const status = await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', file], io, {
      env: { KRAKEN_EMAIL: 'user@example.com', KRAKEN_PASSWORD: 'hunter2-secret' },
    });
    expect(status).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('hunter2-secret');
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['auth-required', /requires authentication: set KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY or KRAKEN_TOKEN$/],
    ['no-introspection', /refused introspection: GraphQL introspection is not allowed/],
    ['html', /did not answer GraphQL \(HTTP 502\): not a GraphQL endpoint$/],
  ] as const)('%s: one clear line, exit 1, nothing written', async (mode, message) => {
    const { url } = await serve(mode);
    const file = join(dir, 'schema.graphql');
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', file], io, { env: {} })).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^kraken-sdk pull: /);
    expect(err[0]).toMatch(message);
    expect(await readdir(dir)).toEqual([]);
  });

  // A trial: a server echoing the credentials into a description had them written in clear into the file the
  // README says to keep and diff (pull's own errors already redacted them).
  it.each([
    ['KRAKEN_API_KEY', { KRAKEN_API_KEY: FIXTURE_API_KEY }, [FIXTURE_API_KEY, FIXTURE_TOKEN]],
    ['KRAKEN_EMAIL/KRAKEN_PASSWORD', { KRAKEN_EMAIL: 'user@example.com', KRAKEN_PASSWORD: FIXTURE_PASSWORD }, [FIXTURE_PASSWORD, FIXTURE_TOKEN]],
    ['KRAKEN_TOKEN', { KRAKEN_TOKEN: FIXTURE_TOKEN }, [FIXTURE_TOKEN]],
  ])('%s echoed into the schema (as it is, in base64): written as [redacted], and said so', async (_name, env, secrets) => {
    const echoed = secrets.map((secret) => `${secret} ${Buffer.from(secret).toString('base64')}`).join(' / ');
    const sdl = [
      `"""Served to ${echoed}."""`,
      'type Query {',
      `  """Key ${secrets[0] ?? ''}"""`,
      '  viewer: String',
      '}',
      'type Mutation {',
      '  obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenJSONWebToken',
      '}',
      'input ObtainJSONWebTokenInput {',
      '  email: String',
      '  password: String',
      '  APIKey: String',
      '}',
      'type ObtainKrakenJSONWebToken {',
      '  token: String!',
      '  payload: GenericScalar',
      '  refreshToken: String',
      '  refreshExpiresIn: Int',
      '}',
      'scalar GenericScalar',
    ].join('\n');
    server = await startSchemaServer(sdl, 'auth-required');
    const file = join(dir, 'schema.graphql');
    expect(await runPullCommand(['--endpoint', server.url, '--out', file], io, { env })).toBe(0);
    const written = await readFile(file, 'utf8');
    for (const secret of secrets) {
      expect(written).not.toContain(secret);
      expect(written).not.toContain(Buffer.from(secret).toString('base64'));
    }
    expect(written).toContain('Served to [redacted]');
    expect(() => buildSchema(written)).not.toThrow();
    expect(err.join('\n')).toMatch(/held a credential of yours.*\[redacted\]/);
    for (const secret of secrets) expect(err.join('\n')).not.toContain(secret);
  });

  // A trial: a trailing-slash redirect and a schema over the client's 10 MiB answer limit were both reported as
  // "not a GraphQL endpoint", naming neither the redirect nor the limit.
  it('a redirect: named with where it points, not followed, exit 1, nothing written', async () => {
    const other = createServer((_request, response) => response.writeHead(301, { location: '/v1/graphql/' }).end());
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const file = join(dir, 'schema.graphql');
      expect(await runPullCommand(['--endpoint', `${origin}/v1/graphql`, '--out', file], io, { env: {} })).toBe(1);
      expect(err.join('\n')).toMatch(new RegExp(`${origin}/v1/graphql redirects \\(HTTP 301\\) to ${origin}, which pull does not follow: give the URL it redirects to as --endpoint`));
      expect(await readdir(dir)).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('a schema whose introspection answer is over 10 MiB (the client default) is pulled', async () => {
    const long = 'A reading taken by the meter. '.repeat(2_000);
    const types = Array.from({ length: 200 }, (_, index) => `"""${long}${index}"""\ntype Reading${index} { value: Int }`);
    const sdl = [`type Query { ${Array.from({ length: 200 }, (_, index) => `r${index}: Reading${index}`).join(' ')} }`, ...types].join('\n');
    server = await startSchemaServer(sdl, 'open');
    const file = join(dir, 'schema.graphql');
    expect(await runPullCommand(['--endpoint', server.url, '--out', file], io, { env: {} })).toBe(0);
    expect(Buffer.byteLength(await readFile(file, 'utf8'))).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('an answer over the limit: names the limit', async () => {
    server = await startSchemaServer(fixture, 'open');
    await expect(pullSchemaSdl({ endpoint: server.url, env: {}, maxResponseBytes: 1_000 })).rejects.toThrow(
      new PullError(`${new URL(server.url).origin} sent an answer over 1,000 bytes, more than pull reads`),
    );
  });

  // A trial: a user name and password in --endpoint, or an --out that cannot be written, surfaced as the client's
  // API wording or a bare system error (EFBIG, ENOENT) without the command or the file.
  it('an --endpoint holding a user name and password: one line naming the environment instead, never the password', async () => {
    const status = await runPullCommand(['--endpoint', 'https://someone:hunter2-pass@api.example.test/v1/graphql/', '--out', join(dir, 'schema.graphql')], io, { env: {} });
    expect(status).toBe(1);
    expect(err).toEqual(['kraken-sdk pull: --endpoint must not hold a user name or password: set KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY or KRAKEN_TOKEN']);
  });

  it('an --out that cannot be written: one line naming the file and why, exit 1', async () => {
    server = await startSchemaServer(fixture, 'open');
    // A file where the folder should be.
    await writeFile(join(dir, 'blocker'), '');
    const out = join(dir, 'blocker', 'schema.graphql');
    expect(await runPullCommand(['--endpoint', server.url, '--out', out], io, { env: {} })).toBe(1);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^kraken-sdk pull: cannot write ${out.replace(/[/\\.]/g, '\\$&')}: E[A-Z]+`))]);
  });

  it('an --endpoint that is not a URL: said so without echoing it (it may hold a password)', async () => {
    expect(await runPullCommand(['--endpoint', 'https://user:hunter2-pass@[bad', '--out', join(dir, 'schema.graphql')], io, { env: {} })).toBe(1);
    expect(err).toEqual(['kraken-sdk pull: --endpoint is not a valid absolute URL']);
  });

  it('names an unreachable endpoint', async () => {
    const { url } = await serve('open');
    await server?.close();
    server = undefined;
    expect(await runPullCommand(['--brand', 'st', '--endpoint', url, '--out', join(dir, 's.graphql')], io, { env: {} })).toBe(1);
    expect(err[0]).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED: connection refused\)/);
  });
});

describe('credentials from the environment', () => {
  it('reads a token, an API key or email and password, never two at once, never echoing a value', () => {
    expect(authFromEnv({})).toBeUndefined();
    expect(authFromEnv({ KRAKEN_TOKEN: 't' })).toEqual({ token: 't' });
    expect(authFromEnv({ KRAKEN_API_KEY: 'k' })).toEqual({ apiKey: 'k' });
    expect(authFromEnv({ KRAKEN_EMAIL: 'e', KRAKEN_PASSWORD: 'p' })).toEqual({ email: 'e', password: 'p' });
    expect(() => authFromEnv({ KRAKEN_EMAIL: 'e' })).toThrow('KRAKEN_PASSWORD is not set');
    expect(() => authFromEnv({ KRAKEN_TOKEN: 'secret-1', KRAKEN_API_KEY: 'secret-2' })).toThrow(/^set only one of .*KRAKEN_TOKEN and KRAKEN_API_KEY\)$/);
    try {
      authFromEnv({ KRAKEN_TOKEN: 'secret-1', KRAKEN_API_KEY: 'secret-2' });
    } catch (error) {
      expect(String(error)).not.toMatch(/secret-/);
    }
  });
});
