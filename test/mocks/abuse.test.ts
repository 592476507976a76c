// Issue 10 item 12: the mock server is no easier to abuse than Kraken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKrakenMock } from '../../mocks/index.js';
import type { MockKrakenServer } from '../../mocks/node.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import { runCli } from '../../src/cli/run.js';

const LOGIN_FIELDS = '(input: { email: "a@b.dev", password: "pw" }) { token refreshToken }';
const aliasedLogins = (count: number) =>
  `mutation Many { ${Array.from({ length: count }, (_, index) => `l${index}: obtainKrakenToken(input: { email: "a@b.dev", password: "pw" }) { token }`).join(' ')} }`;
const ask = (mock: ReturnType<typeof createKrakenMock>, query: string, variables: Record<string, unknown> = {}, method = 'POST') =>
  mock.engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query, variables }, method });

describe('bounded state', () => {
  it('keeps at most maxRefreshGrants refresh grants: the oldest go first (their refresh gets KT-CT-1135)', async () => {
    const mock = createKrakenMock({ brand: 'st', maxRefreshGrants: 5 });
    const tokens: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      const reply = await ask(mock, `mutation { obtainKrakenToken${LOGIN_FIELDS} }`);
      tokens.push((reply.body.data?.obtainKrakenToken as { refreshToken: string }).refreshToken);
    }
    expect(mock.state.refreshGrants).toBe(5);
    const refresh = (refreshToken: string) => ask(mock, 'mutation R($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }', { input: { refreshToken } });
    expect((await refresh(tokens[0] as string)).body.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1135');
    expect((await refresh(tokens[7] as string)).body.errors).toBeUndefined();
  });

  it('prunes expired grants as new logins come in', async () => {
    let now = Date.UTC(2025, 0, 1);
    const mock = createKrakenMock({ brand: 'st', now: () => now, refreshTokenLifetimeSeconds: 60 });
    for (let index = 0; index < 999; index += 1) await ask(mock, `mutation { obtainKrakenToken${LOGIN_FIELDS} }`);
    expect(mock.state.refreshGrants).toBe(999);
    now += 61_000;
    await ask(mock, `mutation { obtainKrakenToken${LOGIN_FIELDS} }`);
    expect(mock.state.refreshGrants).toBe(1);
  });

  it('keeps only the most recent requestLogLimit requests in state.requests', async () => {
    const mock = createKrakenMock({ brand: 'st', requestLogLimit: 3 });
    for (const name of ['A', 'B', 'C', 'D', 'E']) await ask(mock, `query ${name} { __typename }`);
    expect(mock.state.requests.map((record) => record.operationName)).toEqual(['C', 'D', 'E']);
  });
});

describe('complexity and node limits (KT-CT-1188, KT-CT-1189)', () => {
  it('refuses 5,000 aliased logins before running any: complexity, Kraken shape, no token issued', async () => {
    const mock = createKrakenMock({ brand: 'st' });
    const reply = await ask(mock, aliasedLogins(5000));
    expect(reply.status).toBe(400);
    const message = 'Query complexity is too high: 5000, the limit is 200.';
    expect(reply.body).toEqual({ errors: [{ message, extensions: { errorType: 'VALIDATION', errorCode: 'KT-CT-1188', errorDescription: message } }] });
    expect(mock.state.issuedTokens).toBe(0);
    expect(mock.state.refreshGrants).toBe(0);
  });

  it('refuses 30,000 aliased fields as too many nodes', async () => {
    const mock = createKrakenMock({ brand: 'st' });
    const query = `{ ${Array.from({ length: 30_000 }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    const reply = await ask(mock, query);
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ errorCode: 'KT-CT-1189', errorType: 'VALIDATION' });
  });

  it('counts fragments and page sizes; the limits are options', async () => {
    const mock = createKrakenMock({ brand: 'st', limits: { complexity: 2, nodes: 50 } });
    const three = 'mutation { a: obtainKrakenToken(input: {}) { ...T } b: obtainKrakenToken(input: {}) { ...T } c: obtainKrakenToken(input: {}) { ...T } } fragment T on ObtainKrakenTokenPayload { token }';
    expect((await ask(mock, three)).body.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1188');
    const wide = `{ ${Array.from({ length: 51 }, (_, index) => `a${index}: __typename`).join(' ')} }`;
    expect((await ask(mock, wide)).body.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1189');
    expect((await ask(mock, '{ a: __typename b: __typename }')).body.errors).toBeUndefined();
  });

  it('lets 150 aliased logins through (under the limit)', async () => {
    const mock = createKrakenMock({ brand: 'st' });
    expect((await ask(mock, aliasedLogins(150))).body.errors).toBeUndefined();
    expect(mock.state.issuedTokens).toBe(150);
  });
});

describe('over HTTP', () => {
  let server: MockKrakenServer;
  beforeAll(async () => {
    server = await startMockKrakenServer({ brand: 'st' });
  });
  afterAll(() => server.close());

  it('runs mutations over POST only: GET answers 405 with Allow: POST; queries still work over GET', async () => {
    const mutation = new URL(server.apiUrl);
    mutation.searchParams.set('query', `mutation { obtainKrakenToken${LOGIN_FIELDS} }`);
    const refused = await fetch(mutation);
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('POST');
    expect(((await refused.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toContain('POST');
    expect(server.state.issuedTokens).toBe(0);
    const query = new URL(server.apiUrl);
    query.searchParams.set('query', '{ __typename }');
    const answered = await fetch(query);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('mock-server log lines', () => {
  it('cannot be forged by a newline in operationName and never hold a query string', async () => {
    const out: string[] = [];
    let stop: (signal: string) => void = () => {};
    let ready: (url: string) => void = () => {};
    const url = new Promise<string>((resolve) => (ready = resolve));
    const running = runCli(['mock-server', '--brand', 'st'], {
      stdout: (line) => {
        if (out.push(line) === 1) ready(line);
      },
      stderr: () => {},
      stopSignal: () => new Promise((resolve) => (stop = resolve)),
    });
    const apiUrl = await url;
    const forged = 'X\nPOST /v1/graphql/ Forged 200 1ms\r\u001b[31m';
    await fetch(apiUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }', operationName: forged }) });
    const secret = new URL(apiUrl);
    secret.searchParams.set('query', 'mutation L($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }');
    secret.searchParams.set('variables', JSON.stringify({ input: { email: 'a@b.dev', password: 'hunter2-secret' } }));
    await fetch(secret);
    const badJson = new URL(apiUrl);
    badJson.searchParams.set('variables', '{not json, password hunter2-secret');
    await fetch(badJson);
    stop('SIGTERM');
    expect(await running).toBe(0);
    const requestLines = out.filter((line) => /^(GET|POST) /.test(line));
    expect(requestLines).toHaveLength(3);
    expect(out.filter((line) => line.includes('Forged'))).toHaveLength(1);
    expect(requestLines[0]).toBe(`POST /v1/graphql/ X\\u000aPOST /v1/graphql/ Forged 200 1ms\\u000d\\u001b[31m 400 ${/ (\d+)ms$/.exec(requestLines[0] ?? '')?.[1]}ms`);
    for (const line of out) {
      expect(line).not.toContain('hunter2');
      expect(line).not.toContain('?');
      expect([...line].some((char) => char === '\r' || char === '\n' || char === '\u001b')).toBe(false);
    }
  });
});
