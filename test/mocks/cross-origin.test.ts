import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockKrakenServer } from '../../mocks/node.js';
import { RESET_PATH, SCENARIO_HEADER, startMockKrakenServer } from '../../mocks/node.js';
import { LOGIN, VALID_LOGIN, fixtureSource } from './fixture.js';

let server: MockKrakenServer;
beforeAll(async () => {
  server = await startMockKrakenServer({ brand: fixtureSource });
});
afterAll(async () => server.close());

const login = (headers: Record<string, string> = {}) =>
  fetch(server.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: LOGIN, variables: { input: VALID_LOGIN } }) });

describe('the mock server refuses writes from web pages that are not on this machine', () => {
  it('POST /__mock/reset from a foreign page: 403, the state is kept (a simple request: no preflight protects it)', async () => {
    await login();
    const before = server.state.requests.length;
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example:4000']) {
      const response = await fetch(`${server.url}${RESET_PATH}`, { method: 'POST', headers: { Origin: origin } });
      expect(response.status, origin).toBe(403);
      expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
    expect(server.state.requests.length).toBeGreaterThanOrEqual(before);
    expect(server.state.requests.length).toBeGreaterThan(0);
  });

  it('a foreign page cannot run GraphQL writes either (a text/plain POST needs no preflight)', async () => {
    const response = await fetch(server.apiUrl, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify({ query: LOGIN, variables: { input: VALID_LOGIN } }),
    });
    expect(response.status).toBe(403);
  });

  it('a preflight from a foreign page gets no CORS grant, so the scenario header cannot be sent', async () => {
    const response = await fetch(server.apiUrl, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': `content-type, ${SCENARIO_HEADER}` },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('pages served from this machine (any port), curl and tools without Origin keep working', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const preflight = await fetch(server.apiUrl, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': SCENARIO_HEADER } });
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBe('*');
      expect((await login({ Origin: origin })).status, origin).toBe(200);
      expect((await fetch(`${server.url}${RESET_PATH}`, { method: 'POST', headers: { Origin: origin } })).status, origin).toBe(200);
    }
    expect((await fetch(`${server.url}${RESET_PATH}`, { method: 'POST' })).status).toBe(200);
    expect(server.state.requests.length).toBe(0);
  });
});

describe('hostile queries get 400, not 500', () => {
  it.each([
    ['a list nested 20,000 deep in a default value', `query($a: Int = ${'['.repeat(20_000)}${']'.repeat(20_000)}) { __typename }`],
    ['a selection nested 5,000 deep', `{ ${'__type(name: "x") { ofType { '.repeat(5000)}name${' } }'.repeat(5000)} }`],
  ])('%s', async (_name, query) => {
    const response = await fetch(server.apiUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/nested too deeply/);
  });
});
