// `pull` keeps every schema fact introspection can give: deprecated arguments and input fields,
// @oneOf, @specifiedBy and repeatable directives; and still pulls, with a note, from a server that
// refuses the extended introspection query.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/types.js';
import { runPullCommand } from '../../src/cli/pull.js';
import { startSchemaServer, type SchemaServer, type SchemaServerMode } from '../fulltypes/schema-server.js';
import { syntheticKrakenSchema } from '../support/synthetic-schema.js';

const FACTS = `
directive @tagged(name: String!) repeatable on FIELD_DEFINITION | OBJECT
scalar Decimal @specifiedBy(url: "https://example.com/decimal")
type Query {
  meters(first: Int, after: String, orderBy: String @deprecated(reason: "Ordering is fixed.")): [Meter] @tagged(name: "a")
}
type Mutation {
  obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenJSONWebToken
  findMeter(by: MeterLookup!): Meter
}
type ObtainKrakenJSONWebToken { token: String! refreshToken: String refreshExpiresIn: Int payload: String }
input ObtainJSONWebTokenInput { email: String password: String legacyKey: String @deprecated(reason: "Use APIKey.") APIKey: String }
input MeterLookup @oneOf { serialNumber: String id: ID }
type Meter { serialNumber: String! reading: Decimal }
`;

describe('kraken-sdk pull keeps everything', () => {
  let dir: string;
  let server: SchemaServer | undefined;
  const err: string[] = [];
  const io = { stdout: () => {}, stderr: (line: string) => err.push(line) };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pull-facts-'));
    err.length = 0;
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  async function pull(sdl: string, mode: SchemaServerMode): Promise<{ status: number; text: string; schema: GraphQLSchema }> {
    server = await startSchemaServer(sdl, mode);
    const out = join(dir, 'pulled.graphql');
    const status = await runPullCommand(['--brand', 'st', '--endpoint', server.url, '--out', out], io, { env: {}, now: () => new Date('2026-01-02T00:00:00Z') });
    const text = await readFile(out, 'utf8');
    return { status, text, schema: buildSchema(text) };
  }

  it('deprecated arguments and input fields, @oneOf, @specifiedBy, repeatable: no breaking or dangerous change between served and pulled', async () => {
    const served = buildSchema(FACTS);
    const { status, text, schema } = await pull(FACTS, 'open');
    expect(status).toBe(0);
    expect(findBreakingChanges(served, schema)).toEqual([]);
    expect(findDangerousChanges(served, schema)).toEqual([]);
    expect(text).toContain('input MeterLookup @oneOf');
    expect(text).toContain('@specifiedBy(url: "https://example.com/decimal")');
    expect(text).toContain('directive @tagged(name: String!) repeatable on');
    expect(text).toContain('orderBy: String @deprecated(reason: "Ordering is fixed.")');
    expect(text).toContain('legacyKey: String @deprecated(reason: "Use APIKey.")');
    expect(err).toEqual([]);
  });

  it('the synthetic Kraken-scale schema round-trips with no breaking change', async () => {
    const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../catalog/st.json'), 'utf8')) as Catalog;
    const synthetic = syntheticKrakenSchema({ seed: 18, catalog });
    const { status, schema } = await pull(synthetic.sdl, 'open');
    expect({ status, err }).toEqual({ status: 0, err: [] });
    expect(findBreakingChanges(synthetic.schema, schema)).toEqual([]);
    expect(findDangerousChanges(synthetic.schema, schema)).toEqual([]);
  });

  it('falls back to the plain introspection query when the server refuses the extended one, and says what may be missing', async () => {
    const { status, text } = await pull(FACTS, 'plain-introspection-only');
    expect(status).toBe(0);
    expect(err).toHaveLength(1);
    expect(text).toContain('type Meter');
    const note = err.join('\n');
    expect(note).toMatch(/refused the extended introspection query/);
    expect(note).toMatch(/deprecated arguments and input fields, @oneOf, @specifiedBy and repeatable/);
    // The note stands in the file's header (the comment lines before the first definition), wherever the endpoint lines put it.
    const header = text.split('\n').filter((line, index, lines) => lines.slice(0, index + 1).every((l) => l.startsWith('#')));
    expect(header.some((line) => /^# Note: .*plain introspection query/.test(line))).toBe(true);
  });
});
