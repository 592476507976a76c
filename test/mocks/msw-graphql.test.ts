/**
 * The mocks' GraphQL handlers are msw `http` handlers that read and match the GraphQL request themselves (msw 3 has
 * no `graphql` at its root): what msw's own GraphQL handlers did for them must still hold. msw 2 runs the same
 * handlers in the consumer check (a consumer app's vitest suite on Node 20).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { createKrakenMock, mockKrakenError, mockKrakenResult } from '../../mocks/index.js';
import { graphqlOverHttp } from '../../mocks/msw-graphql.js';
import { fixtureCatalog, fixtureSource, LOGIN, VALID_LOGIN } from './fixture.js';
import { postGraphQL } from './http.js';
import { parse } from 'graphql';
import type { KrakenDocument } from '../../src/core/document.js';

const API = fixtureCatalog.endpoints.api;
const LoginDocument = Object.assign(parse(LOGIN), {
  kraken: { operationName: 'ObtainKrakenToken', text: LOGIN, endpoint: 'api' as const },
}) as unknown as KrakenDocument<{ obtainKrakenToken: { token: string } | null }, { input: unknown }, 'KT-CT-1138'>;

const mock = createKrakenMock({ brand: fixtureSource });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const errorCodes = (reply: Awaited<ReturnType<typeof postGraphQL>>) => (reply.json.errors ?? []).map((error) => error.extensions?.errorCode);

describe('GraphQL handlers on msw http handlers', () => {
  it('a once scenario is not spent by a request for another operation or by a non-GraphQL request', async () => {
    server.use(mockKrakenError(LoginDocument, 'KT-CT-1138', { once: true }));
    // Another operation to the same URL, then a body that is not GraphQL: neither is the scenario's.
    const other = await postGraphQL(API, 'query Other { __typename }');
    expect(other.json.data).toEqual({ __typename: 'Query' });
    // No handler takes a body without a query: unhandled, so the fetch fails (onUnhandledFrame: 'error').
    await expect(fetch(API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":1}' })).rejects.toThrow();
    const first = await postGraphQL(API, LOGIN, { input: VALID_LOGIN });
    expect(errorCodes(first)).toEqual(['KT-CT-1138']);
    const second = await postGraphQL(API, LOGIN, { input: VALID_LOGIN });
    expect((second.json.data?.obtainKrakenToken as { token?: unknown } | undefined)?.token).toEqual(expect.any(String));
  });

  it('matches the operation the document selects, by type and name, not by the operationName text alone', async () => {
    server.use(mockKrakenResult(LoginDocument, { obtainKrakenToken: { token: 'scenario-token' } }));
    const twoOperations = `${LOGIN}\nquery Other { __typename }`;
    const selected = await fetch(API, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: twoOperations, operationName: 'Other' }) });
    expect(await selected.json()).toEqual({ data: { __typename: 'Query' } });
    const login = await postGraphQL(API, LOGIN, { input: VALID_LOGIN });
    expect(login.json.data).toMatchObject({ obtainKrakenToken: { token: 'scenario-token' } });
  });

  it('answers GraphQL over GET (query string) like msw GraphQL handlers did', async () => {
    const url = new URL(API);
    url.searchParams.set('query', '{ __typename }');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('a request whose query does not parse reaches the default mock, which answers a GraphQL syntax error', async () => {
    const reply = await postGraphQL(API, 'query {');
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.[0]?.message).toMatch(/Syntax Error/);
  });

  it('leaves a request to another URL to the next handler', async () => {
    let seen = 0;
    const handler = graphqlOverHttp({ url: 'https://elsewhere.test/graphql' }, () => {
      seen += 1;
      return Response.json({ data: { elsewhere: true } });
    });
    server.use(handler);
    const reply = await postGraphQL(API, '{ __typename }');
    expect(reply.json.data).toEqual({ __typename: 'Query' });
    expect(seen).toBe(0);
    const elsewhere = await postGraphQL('https://elsewhere.test/graphql', '{ x }');
    expect(elsewhere.json.data).toEqual({ elsewhere: true });
    expect(seen).toBe(1);
  });
});
