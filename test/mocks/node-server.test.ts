import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import type { MockKrakenServer, MockRequestLogEntry } from '../../mocks/node.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import { CREATE_MFA_DEVICE, fixtureSource, LOGIN, UPDATE_THING, VALID_LOGIN } from './fixture.js';
import { postGraphQL } from './http.js';

let server: MockKrakenServer;
const log: MockRequestLogEntry[] = [];

beforeAll(async () => {
  server = await startMockKrakenServer({ brand: fixtureSource, port: 0, onRequest: (entry) => log.push(entry) });
});
afterAll(async () => {
  await server.close();
});

describe('startMockKrakenServer', () => {
  it('the authentication server asks for a token as the API does (KT-CT-1112, KT-CT-1111)', async () => {
    const missing = await postGraphQL(server.authUrl ?? '', CREATE_MFA_DEVICE, { deviceType: 'TOTP' });
    expect(missing.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1112');
    expect(missing.json.data).toEqual({ createMfaDevice: null });
    const malformed = await postGraphQL(server.authUrl ?? '', CREATE_MFA_DEVICE, { deviceType: 'TOTP' }, { Authorization: 'JWT nope' });
    expect(malformed.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1111');
  });

  it('serves the API at /v1/graphql/ and the auth server at /graphql/', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.apiUrl).toBe(`${server.url}/v1/graphql/`);
    expect(server.authUrl).toBe(`${server.url}/graphql/`);
  });

  it('logs in and answers an authenticated operation over HTTP', async () => {
    const login = await postGraphQL(server.apiUrl, LOGIN, { input: VALID_LOGIN });
    expect(login.status).toBe(200);
    expect(login.headers.get('access-control-allow-origin')).toBe('*');
    const { token } = login.json.data?.obtainKrakenToken as { token: string };
    const update = await postGraphQL(server.apiUrl, UPDATE_THING, { input: { a: 1 } }, { Authorization: `JWT ${token}` });
    expect(update.json.errors).toBeUndefined();
    const missing = await postGraphQL(server.apiUrl, UPDATE_THING, { input: {} });
    expect(missing.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1112');
    const mfa = await postGraphQL(server.authUrl ?? '', CREATE_MFA_DEVICE, { deviceType: 'TOTP' }, { Authorization: token });
    expect(mfa.json.data?.createMfaDevice).toEqual({ secret: expect.any(String) });
    expect(server.state.obtainKrakenTokenCalls).toBe(1);
    expect(log.some((entry) => entry.operationName === 'UpdateThing' && entry.status === 200 && entry.path === '/v1/graphql/')).toBe(true);
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('answers CORS preflight', async () => {
    const response = await fetch(server.apiUrl, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('answers introspection, also by GET', async () => {
    const reply = await postGraphQL(server.apiUrl, getIntrospectionQuery());
    expect((reply.json.data?.__schema as { mutationType: { name: string } }).mutationType.name).toBe('Mutation');
    const get = await fetch(`${server.apiUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('rejects bad requests clearly', async () => {
    const notJson = await fetch(server.apiUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON.' }] });
    const notFound = await fetch(`${server.url}/elsewhere`, { method: 'POST', body: '{}' });
    expect(notFound.status).toBe(404);
    const put = await fetch(server.apiUrl, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
  });

  it('rejects an invalid port', async () => {
    await expect(startMockKrakenServer({ brand: fixtureSource, port: 70_000 })).rejects.toThrow(/port/);
  });
});
