// Done criterion 4: the local mock server over real HTTP (127.0.0.1, a free port), used by the SDK client
// and by plain fetch as any other tool would. No msw here: requests really go over the loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntrospectionQuery } from 'graphql';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import { loginWith } from 'kraken-sdk';
import { DEFAULT_MOCK_CREDENTIALS } from 'kraken-sdk/mocks';
import type { MockKrakenServer, MockRequestLogEntry } from 'kraken-sdk/mocks/node';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import * as st from 'kraken-sdk/st';
import * as oejp from 'kraken-sdk/oejp';

const [defaultUser] = DEFAULT_MOCK_CREDENTIALS.users;
if (!defaultUser) throw new Error('The mock documents a default user.');
const credentials = { email: defaultUser.email, password: defaultUser.password };
const auth = loginWith(credentials);

let stServer: MockKrakenServer;
let oejpServer: MockKrakenServer;
const oejpLog: MockRequestLogEntry[] = [];

beforeAll(async () => {
  stServer = await startMockKrakenServer({ brand: 'st', port: 0 });
  oejpServer = await startMockKrakenServer({ brand: 'oejp', port: 0, host: '127.0.0.1', onRequest: (entry) => oejpLog.push(entry) });
});
afterAll(async () => {
  await stServer.close();
  await oejpServer.close();
});

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

async function postGraphQL(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ response: Response; body: GraphQLBody }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { response, body: (await response.json()) as GraphQLBody };
}

describe('startMockKrakenServer', () => {
  it('listens on 127.0.0.1 with a free port, at the real paths', () => {
    expect(stServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stServer.apiUrl).toBe(`${stServer.url}/v1/graphql/`);
    expect(stServer.authUrl).toBeUndefined();
    expect(oejpServer.authUrl).toBe(`${oejpServer.url}/graphql/`);
    expect(oejpServer.url).not.toBe(stServer.url);
  });

  it('rejects a port out of range with a RangeError naming it', async () => {
    await expect(startMockKrakenServer({ brand: 'st', port: 70_000 })).rejects.toThrow(/port must be an integer from 0 to 65535, got 70000/);
  });
});

describe('the SDK client against the server', () => {
  it('st: logs in once and runs a documented mutation', async () => {
    const client = st.createKrakenClient({ endpoint: stServer.apiUrl, auth });
    const first = await client.request(st.AcceptGoodsQuoteDocument, { input: { quoteId: 'q-1' } });
    const second = await client.request(st.AssociateCallWithAccountDocument, { input: {} });
    expect(first.acceptGoodsQuote?.goodsPurchase?.__typename).toBe('GoodsPurchase');
    expect(second.associateCallWithAccount).not.toBeNull();
    expect(stServer.state.obtainKrakenTokenCalls).toBe(1);
    expect(stServer.state.countOf('AcceptGoodsQuote')).toBe(1);
  });

  it('st: documented errors come back typed over HTTP too (KT-CT-1112 without auth)', async () => {
    const client = st.createKrakenClient({ endpoint: stServer.apiUrl });
    const error = (await client.safeRequest(st.AcceptGoodsQuoteDocument, { input: {} })).error;
    expect(error?.kind).toBe('auth');
    expect(error?.code).toBe('KT-CT-1112');
  });

  it('oejp: the MFA mutation goes to authUrl and is answered there', async () => {
    if (!oejpServer.authUrl) throw new Error('oejp has an authentication server');
    const client = oejp.createKrakenClient({ endpoint: oejpServer.apiUrl, authEndpoint: oejpServer.authUrl, auth });
    const data = await client.request(oejp.CreateMfaDeviceDocument, { input: {} });
    expect(data.createMfaDevice).not.toBeNull();
    const mfa = oejpServer.state.requests.filter((record) => record.operationName === 'CreateMfaDevice');
    expect(mfa.map((record) => [record.endpoint, record.status, record.errorCodes])).toEqual([['auth', 200, []]]);
    const logged = oejpLog.filter((entry) => entry.operationName !== null).map((entry) => [entry.method, entry.path, entry.operationName, entry.status]);
    expect(logged).toEqual(expect.arrayContaining([
      ['POST', '/v1/graphql/', 'ObtainKrakenToken', 200],
      ['POST', '/graphql/', 'CreateMfaDevice', 200],
    ]));
  });

  it('oejp: the MFA mutation sent to the API server is refused there', async () => {
    const client = oejp.createKrakenClient({ endpoint: oejpServer.apiUrl, authEndpoint: oejpServer.apiUrl, auth });
    const error = (await client.safeRequest(oejp.CreateMfaDeviceDocument, { input: {} })).error;
    expect(error?.kind).toBe('graphql');
    expect(error?.errors[0]?.message).toContain('createMfaDevice');
  });
});

describe('plain fetch against the server', () => {
  it('POSTs a mutation text, logging in first for its Authorization', async () => {
    const login = await postGraphQL(stServer.apiUrl, {
      query: st.ObtainKrakenTokenDocument.kraken.text,
      operationName: 'ObtainKrakenToken',
      variables: { input: credentials },
    });
    expect(login.response.status).toBe(200);
    const token = (login.body.data?.obtainKrakenToken as { token?: unknown } | undefined)?.token;
    expect(typeof token).toBe('string');

    const mutation = `mutation Accept($input: AcceptGoodsQuoteInput!) {
      acceptGoodsQuote(input: $input) { goodsPurchase { __typename } possibleErrors { __typename } }
    }`;
    const accepted = await postGraphQL(stServer.apiUrl, { query: mutation, variables: { input: { quoteId: 'q-1' } } }, { Authorization: `JWT ${String(token)}` });
    expect(accepted.response.status).toBe(200);
    expect(accepted.response.headers.get('access-control-allow-origin')).toBe('*');
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data?.acceptGoodsQuote).toMatchObject({ goodsPurchase: { __typename: 'GoodsPurchase' } });

    const unauthorized = await postGraphQL(stServer.apiUrl, { query: mutation, variables: { input: {} } });
    expect(unauthorized.body.errors?.[0]?.extensions).toMatchObject({ errorCode: 'KT-CT-1112' });
  });

  it('answers an introspection query with a schema holding every documented mutation', async () => {
    const { response, body } = await postGraphQL(stServer.apiUrl, { query: getIntrospectionQuery() });
    expect(response.status).toBe(200);
    const schema = buildClientSchema(body.data as unknown as IntrospectionQuery);
    const mutationFields = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutationFields).toContain('acceptGoodsQuote');
    expect(mutationFields).toContain('obtainKrakenToken');
    expect(mutationFields.length).toBeGreaterThanOrEqual(295);
  });

  it('answers a CORS preflight with Access-Control-Allow-Origin', async () => {
    const response = await fetch(stServer.apiUrl, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('answers an unknown path with 404 naming where GraphQL is served, and bad JSON with 400', async () => {
    const missing = await fetch(`${oejpServer.url}/nope`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).toContain('/v1/graphql/');
    const malformed = await fetch(stServer.apiUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{not json' });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain('not valid JSON');
  });
});
