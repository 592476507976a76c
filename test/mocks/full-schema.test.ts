import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKrakenMock } from '../../mocks/index.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import type { MockKrakenServer } from '../../mocks/node.js';
import { KrakenMockSchemaError } from '../../mocks/schema.js';
import { runCli } from '../../src/cli/run.js';
import { postGraphQL } from './http.js';
import { responseProblems } from './validate-response.js';

const SCHEMA_FILE = fileURLToPath(new URL('./schemas/st-rich.graphql', import.meta.url));
const sdl = readFileSync(SCHEMA_FILE, 'utf8');

const LOGIN = 'mutation Login($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }';
const ACCEPT = `mutation Accept($input: AcceptGoodsQuoteInput!) {
  acceptGoodsQuote(input: $input) { goodsPurchase { id code createdAt lines(first: 2) { description quantity unitPrice } } }
}`;
const MY_QUERY = `query Mine {
  viewer { email accounts { number status billingEmail properties { address } } }
  search(term: "x") { __typename ... on Account { number } ... on Property { address } }
}`;

type Reply = Awaited<ReturnType<typeof postGraphQL>>;
const firstMessage = (reply: Reply) => reply.json.errors?.[0]?.message ?? '';

let server: MockKrakenServer;
let token = '';
beforeAll(async () => {
  server = await startMockKrakenServer({ brand: 'st', schema: sdl });
  const login = await postGraphQL(server.apiUrl, LOGIN, { input: { email: 'me@example.test', password: 'pw' } });
  token = (login.json.data?.obtainKrakenToken as { token: string }).token;
});
afterAll(() => server.close());

const asUser = (query: string, variables: Record<string, unknown> = {}) => postGraphQL(server.apiUrl, query, variables, { Authorization: `JWT ${token}` });

describe('a full schema instead of the page schema', () => {
  it('answers a rich selection of a documented mutation with values that fit the schema', async () => {
    const reply = await asUser(ACCEPT, { input: { quoteId: 'Q1', channel: 'WEB' } });
    expect(reply.status).toBe(200);
    expect(reply.json.errors).toBeUndefined();
    expect(responseProblems(buildSchema(sdl), parse(ACCEPT), reply.json.data)).toEqual([]);
    const lines = (reply.json.data?.acceptGoodsQuote as { goodsPurchase: { lines: unknown[] } }).goodsPurchase.lines;
    expect(lines.length).toBeGreaterThan(0);
  });

  it("answers the user's own query, unions and interfaces included", async () => {
    const reply = await asUser(MY_QUERY);
    expect(reply.json.errors).toBeUndefined();
    expect(responseProblems(buildSchema(sdl), parse(MY_QUERY), reply.json.data)).toEqual([]);
  });

  it('keeps the brand auth rules, and reads them from descriptions for fields the pages do not document', async () => {
    const noToken = await postGraphQL(server.apiUrl, ACCEPT, { input: { quoteId: 'Q1' } });
    expect(noToken.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1112');
    const viewer = await postGraphQL(server.apiUrl, '{ viewer { email } }');
    expect(viewer.json.errors?.[0]).toMatchObject({ message: "'Authorization' header not provided.", extensions: { errorCode: 'KT-CT-1112' } });
    expect(viewer.json.data).toEqual({ viewer: null });
    expect((await postGraphQL(server.apiUrl, '{ search(term: "a") { __typename } }')).json.errors).toBeUndefined();
  });

  it.each([
    ['an input object given as a string (variables)', ACCEPT, { input: 'hello' }, 'AcceptGoodsQuoteInput'],
    ['an unknown input field', ACCEPT, { input: { quoteId: 'Q1', colour: 'red' } }, 'colour'],
    ['a missing required input field', ACCEPT, { input: { channel: 'WEB' } }, 'quoteId'],
    ['an unknown enum value', ACCEPT, { input: { quoteId: 'Q1', channel: 'FAX' } }, 'FAX'],
    ['an input object given as a string (literal)', 'mutation { acceptGoodsQuote(input: "hello") { __typename } }', {}, 'AcceptGoodsQuoteInput'],
    ['an unknown result field', 'mutation { acceptGoodsQuote(input: { quoteId: "1" }) { goodsPurchase { colour } } }', {}, 'colour'],
  ])('rejects %s with a GraphQL error naming it (HTTP 400)', async (_case, query, variables, named) => {
    const reply = await asUser(query, variables);
    expect(reply.status).toBe(400);
    expect(reply.json.data).toBeUndefined();
    expect(firstMessage(reply)).toContain(named);
  });

  it('the msw handlers take the same schema option', async () => {
    const mock = createKrakenMock({ brand: 'st', schema: buildSchema(sdl) });
    const reply = await mock.engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query: '{ search(term: "a") { ... on Property { address } } }' } });
    expect(reply.body.errors).toBeUndefined();
    expect(mock.engine.schema.getType('AccountUser')).toBeDefined();
  });

  it('refuses a schema that does not build, saying why', () => {
    expect(() => createKrakenMock({ brand: 'st', schema: 'type Query { x: Missing }' })).toThrow(KrakenMockSchemaError);
    expect(() => createKrakenMock({ brand: 'st', schema: 'type Query { x: Missing }' })).toThrow(/Missing/);
  });
});

describe('the page schema refuses non-object inputs too', () => {
  const engine = createKrakenMock({ brand: 'st' }).engine;
  it.each([
    ['variables', 'mutation A($input: AcceptGoodsQuoteInput!) { acceptGoodsQuote(input: $input) { __typename } }', { input: 'hello' }],
    ['literal', 'mutation { acceptGoodsQuote(input: "hello") { __typename } }', {}],
  ])('input: "hello" (%s) is a 400 naming the input type', async (_how, query, variables) => {
    const reply = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query, variables } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.message).toContain('AcceptGoodsQuoteInput');
  });
});

describe('kraken-sdk mock-server --schema', () => {
  function captureIo() {
    const out: string[] = [];
    const err: string[] = [];
    let release: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => (release = resolve));
    let printed: (line: string) => void = () => {};
    const firstLine = new Promise<string>((resolve) => (printed = resolve));
    const stdout = (line: string) => {
      if (out.push(line) === 1) printed(line);
    };
    return { out, err, firstLine, stop: () => release('SIGTERM'), io: { stdout, stderr: (line: string) => err.push(line), stopSignal: () => stopped } };
  }

  it('serves the schema from the file', async () => {
    const cli = captureIo();
    const running = runCli(['mock-server', '--brand', 'st', '--schema', SCHEMA_FILE], cli.io);
    const reply = await postGraphQL(await cli.firstLine, '{ search(term: "a") { __typename } }');
    expect(reply.json.errors).toBeUndefined();
    cli.stop();
    expect(await running).toBe(0);
  });

  it.each([
    ['a missing file', 'no-such-schema.graphql', 'no-such-schema.graphql'],
    ['a file that is not a schema', fileURLToPath(import.meta.url), 'Invalid schema'],
  ])('exits 1 on %s with one line naming it', async (_case, file, named) => {
    const cli = captureIo();
    expect(await runCli(['mock-server', '--brand', 'st', '--schema', file], cli.io)).toBe(1);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toContain('--schema');
    expect(cli.err[0]).toContain(named);
    expect(cli.out).toEqual([]);
  });
});
