import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { setupServer } from 'msw/node';
import type { KrakenDocument } from '../../src/core/document.js';
import {
  createKrakenMock,
  mockKrakenBadGateway,
  mockKrakenDelay,
  mockKrakenError,
  mockKrakenHttpError,
  mockKrakenNetworkError,
  mockKrakenRateLimit,
  mockKrakenResult,
} from '../../mocks/index.js';
import { fixtureCatalog, fixtureSource, LOGIN, UPDATE_THING, VALID_LOGIN } from './fixture.js';
import { postGraphQL } from './http.js';

const API = fixtureCatalog.endpoints.api;

interface UpdateThingResult {
  updateThing: { thing: { id: string; tags: string[] } | null; result: { __typename: 'Thing'; id: string } | { __typename: 'CommonError'; message: string | null } | null } | null;
}
const UpdateThingDocument = Object.assign(parse(UPDATE_THING), {
  kraken: { operationName: 'UpdateThing', text: UPDATE_THING, endpoint: 'api' as const },
}) as unknown as KrakenDocument<UpdateThingResult, { input: unknown }, 'KT-CT-4178' | 'KT-CT-1111' | 'KT-CT-1112'>;

const mock = createKrakenMock({ brand: fixtureSource });
const server = setupServer(...mock.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

async function token(): Promise<string> {
  const reply = await postGraphQL(API, LOGIN, { input: VALID_LOGIN });
  return (reply.json.data?.obtainKrakenToken as { token: string }).token;
}

const updateThing = async () => postGraphQL(API, UPDATE_THING, { input: {} }, { Authorization: await token() });

describe('scenario helpers', () => {
  it('mockKrakenError answers with Kraken error shape, pointing at the requested field', async () => {
    server.use(mockKrakenError(UpdateThingDocument, 'KT-CT-4178', { message: 'No account found with given account number.', extensions: { errorClass: 'NOT_FOUND' } }));
    const reply = await updateThing();
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({
      errors: [
        {
          message: 'No account found with given account number.',
          locations: [{ line: 3, column: 3 }],
          path: ['updateThing'],
          extensions: {
            errorType: 'APPLICATION',
            errorCode: 'KT-CT-4178',
            errorDescription: 'No account found with given account number.',
            errorClass: 'NOT_FOUND',
          },
        },
      ],
      data: { updateThing: null },
    });
  });

  it('mockKrakenError uses the alias the request chose', async () => {
    server.use(mockKrakenError(UpdateThingDocument, 'KT-CT-1111'));
    const reply = await postGraphQL(API, 'mutation UpdateThing { renamed: updateThing(input: {}) { thing { id } } }');
    expect(reply.json.data).toEqual({ renamed: null });
    expect(reply.json.errors?.[0]).toMatchObject({ path: ['renamed'], message: 'Unauthorized.' });
  });

  it('overrides compose: once: true answers one request, then the default mock answers', async () => {
    server.use(mockKrakenError(UpdateThingDocument, 'KT-CT-1111', { once: true }));
    expect((await updateThing()).json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1111');
    expect((await updateThing()).json.errors).toBeUndefined();
  });

  it('mockKrakenResult answers the given data, and null for selected fields it leaves out (as Kraken would)', async () => {
    server.use(mockKrakenResult(UpdateThingDocument, { updateThing: { thing: { id: 'fixed-id', tags: ['a'] } } }));
    const reply = await updateThing();
    const unset = { number: null, createdOn: null, updatedAt: null, uuid: null, metadata: null, count: null, ratio: null, enabled: null, status: null, account: null };
    expect(reply.json).toEqual({ data: { updateThing: { possibleErrors: null, thing: { id: 'fixed-id', tags: ['a'], ...unset }, result: null } } });
  });

  it('mockKrakenResult fills only the fragment of the union member the data names', async () => {
    server.use(mockKrakenResult(UpdateThingDocument, { updateThing: { result: { __typename: 'CommonError' } } }));
    const reply = await updateThing();
    expect((reply.json.data?.updateThing as { result: unknown }).result).toEqual({ __typename: 'CommonError', message: null });
  });

  it('mockKrakenRateLimit answers KT-CT-1199 with Retry-After', async () => {
    server.use(mockKrakenRateLimit(UpdateThingDocument, { retryAfterSeconds: 7 }));
    const reply = await updateThing();
    expect(reply.headers.get('retry-after')).toBe('7');
    expect(reply.json.errors?.[0]).toMatchObject({ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } });
  });

  it('mockKrakenHttpError answers HTTP 500 with a non-GraphQL body', async () => {
    server.use(mockKrakenHttpError(UpdateThingDocument));
    const response = await fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: UPDATE_THING }) });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
  });

  it('mockKrakenBadGateway answers HTTP 502 with HTML', async () => {
    server.use(mockKrakenBadGateway(UpdateThingDocument));
    const response = await fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: UPDATE_THING }) });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>');
  });

  it('mockKrakenNetworkError makes fetch reject', async () => {
    server.use(mockKrakenNetworkError(UpdateThingDocument));
    await expect(fetch(API, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: UPDATE_THING }) })).rejects.toThrow();
  });

  it('mockKrakenDelay delays, then lets the next handler answer', async () => {
    server.use(mockKrakenDelay(UpdateThingDocument, 20));
    const reply = await updateThing();
    expect(reply.json.errors).toBeUndefined();
    expect(reply.json.data?.updateThing).toBeTruthy();
    expect(() => mockKrakenDelay(UpdateThingDocument, -1)).toThrow(/non-negative/);
  });

  it('scenarios only match their own operation', async () => {
    server.use(mockKrakenNetworkError(UpdateThingDocument));
    const reply = await postGraphQL(API, LOGIN, { input: VALID_LOGIN });
    expect(reply.json.errors).toBeUndefined();
  });

  it('endpoint option limits the scenario to one URL', async () => {
    server.use(mockKrakenNetworkError(UpdateThingDocument, { endpoint: 'https://elsewhere.test/graphql/' }));
    expect((await updateThing()).json.errors).toBeUndefined();
  });

  it('rejects a document without a named operation', () => {
    expect(() => mockKrakenNetworkError(parse('mutation { updateThing(input: {}) { thing { id } } }'))).toThrow(TypeError);
  });
});
