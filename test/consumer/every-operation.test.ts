// Done criterion 1: the default handlers answer every documented operation of both brands validly,
// called through the brand's own SDK client exactly as an application would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import type { GraphQLSchema, IntrospectionQuery } from 'graphql';
import { buildClientSchema, getIntrospectionQuery } from 'graphql';
import type { KrakenClient } from 'kraken-sdk';
import { createKrakenMock, DEFAULT_MOCK_CREDENTIALS } from 'kraken-sdk/mocks';
import * as st from 'kraken-sdk/st';
import * as oejp from 'kraken-sdk/oejp';
import type { DocumentWithFacts } from './operation-shape.js';
import { documentsOf, missingSelections, placeholderVariables } from './operation-shape.js';
import { loginWith } from 'kraken-sdk';

// The brand's ObtainKrakenTokenDocument and the core's defaultLoginDocument (re-exported by each brand).
const isLogin = (document: DocumentWithFacts): boolean => document.kraken.operationName === 'ObtainKrakenToken';

const [defaultUser] = DEFAULT_MOCK_CREDENTIALS.users;
if (!defaultUser) throw new Error('The mock documents a default user.');
const credentials = { email: defaultUser.email, password: defaultUser.password };

const brands = [
  { name: 'st', entry: st as unknown as Record<string, unknown>, createClient: st.createKrakenClient, endpoints: st.endpoints as { api: string; auth?: string } },
  { name: 'oejp', entry: oejp as unknown as Record<string, unknown>, createClient: oejp.createKrakenClient, endpoints: oejp.endpoints as { api: string; auth?: string } },
] as const;

const mocks = { st: createKrakenMock({ brand: 'st' }), oejp: createKrakenMock({ brand: 'oejp' }) };
const server = setupServer(...mocks.st.handlers, ...mocks.oejp.handlers);
const requestedUrls: Array<{ url: string; operationName: unknown }> = [];

beforeAll(() => {
  server.listen({ onUnhandledFrame: 'error' });
  server.events.on('request:start', ({ request }) => {
    void request
      .clone()
      .json()
      .then((body: unknown) => requestedUrls.push({ url: request.url, operationName: (body as { operationName?: unknown }).operationName }))
      .catch(() => {});
  });
});
afterAll(() => server.close());

/** The schema as any GraphQL tool would get it: introspection against the (mocked) API URL. */
async function introspect(url: string): Promise<GraphQLSchema> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: getIntrospectionQuery() }),
  });
  const body = (await response.json()) as { data: IntrospectionQuery };
  return buildClientSchema(body.data);
}

/** What an application calling `document` would send: real credentials for the login operation, placeholders otherwise. */
function variablesFor(document: DocumentWithFacts): Record<string, unknown> {
  if (isLogin(document)) return { input: credentials };
  return placeholderVariables(document);
}

for (const brand of brands) {
  describe(`every ${brand.name} document against krakenHandlers({ brand: '${brand.name}' })`, () => {
    const documents = documentsOf(brand.entry);
    let client: KrakenClient;
    let schema: GraphQLSchema;

    beforeAll(async () => {
      client = brand.createClient({ auth: loginWith(credentials) });
      schema = await introspect(brand.endpoints.api);
    });

    it('exports a document for each documented mutation', () => {
      expect(new Set(documents.map(([, document]) => document.kraken.operationName)).size).toBe(brand.name === 'st' ? 295 : 98);
    });

    it.each(documents)('%s is answered with every selected field', async (_name, document) => {
      const result = await client.safeRequest(document, variablesFor(document));
      expect(result.error).toBeUndefined();
      const data = result.data as Record<string, unknown>;
      const rootField = Object.keys(data)[0];
      expect(rootField).toBeDefined();
      expect(data[rootField ?? '']).not.toBeNull();
      expect(missingSelections(schema, document, data)).toEqual([]);
    });

    it('sent each operation to its documented server, and logged in once', () => {
      const mock = mocks[brand.name];
      // The client's own lazy login, plus one call per login document exercised above.
      const loginDocuments = documents.filter(([, document]) => isLogin(document)).length;
      expect(mock.state.obtainKrakenTokenCalls).toBe(1 + loginDocuments);
      expect(mock.state.requests.every((record) => record.errorCodes.length === 0)).toBe(true);
      for (const [, document] of documents) {
        if (isLogin(document)) continue;
        const { operationName, endpoint } = document.kraken;
        const records = mock.state.requests.filter((record) => record.operationName === operationName);
        expect(records.map((record) => [record.endpoint, record.status, record.errorCodes])).toEqual([[endpoint, 200, []]]);
        const expectedUrl = endpoint === 'auth' ? brand.endpoints.auth : brand.endpoints.api;
        const brandUrls: string[] = Object.values(brand.endpoints);
        const sentTo = requestedUrls.filter((request) => request.operationName === operationName && brandUrls.includes(request.url));
        expect(sentTo.map((request) => request.url)).toEqual([expectedUrl]);
      }
    });
  });
}

it('oejp serves its MFA mutations from the authentication server', () => {
  const authDocuments = documentsOf(oejp as unknown as Record<string, unknown>).filter(([, document]) => document.kraken.endpoint === 'auth');
  expect(authDocuments.map(([name]) => name).sort()).toEqual(['CreateMfaDeviceDocument', 'DeleteMfaDeviceDocument', 'ValidateMfaDeviceDocument']);
  expect(oejp.endpoints).toHaveProperty('auth');
});

describe('the selection check itself', () => {
  it('reports missing fields, foreign __typenames and non-objects', async () => {
    const schema = await introspect(st.endpoints.api);
    const document = st.AcceptGoodsQuoteDocument;
    expect(missingSelections(schema, document, { acceptGoodsQuote: { possibleErrors: [], goodsPurchase: { __typename: 'GoodsPurchase' } } })).toEqual([]);
    expect(missingSelections(schema, document, { acceptGoodsQuote: { possibleErrors: [] } })).toEqual(['data.acceptGoodsQuote.goodsPurchase: missing']);
    expect(missingSelections(schema, document, { acceptGoodsQuote: { possibleErrors: [{ __typename: 'GoodsPurchase' }], goodsPurchase: null } })).toEqual([
      'data.acceptGoodsQuote.possibleErrors[0].__typename: "GoodsPurchase" is not a PossibleErrorType',
    ]);
    expect(missingSelections(schema, document, { acceptGoodsQuote: { possibleErrors: [{}], goodsPurchase: 'x' } })).toEqual([
      'data.acceptGoodsQuote.possibleErrors[0].__typename: missing',
      'data.acceptGoodsQuote.goodsPurchase: expected an object',
    ]);
  });
});
