// The GraphQL callers compared call for call: each sends the same operation text and variables
// through the same fetch and resolves to the same data.
import { createGraphQLClient } from '@shopify/graphql-client';
import { GraphQLClient } from 'graphql-request';
import type * as StEntry from '../src/brands/st.js';
import type * as GraphQLRequestEntry from '../src/transports/graphql-request.js';
import type * as NodeEntry from '../src/transports/node-http.js';
import type { FetchFunction } from '../src/index.js';
import { minimalNodeHttpRequest, minimalRequest } from './baseline.js';
import { acceptGoodsQuoteVariables } from './fixtures.js';

export interface CallSubject {
  readonly name: string;
  readonly call: () => Promise<unknown>;
}

export const RAW_FETCH = 'raw fetch';
/** Raw fetch bounded by a timeout, as a hand-written call would be: what an abortable request costs by itself. */
export const RAW_FETCH_WITH_TIMEOUT = 'raw fetch with AbortSignal.timeout(30 s)';
export const KRAKEN = 'kraken-sdk on fetch';
/** Bare node:http with a keep-alive agent: the floor of a call over loopback in Node. */
export const BARE_NODE_HTTP = 'bare node:http, keep-alive';
export const KRAKEN_ON_NODE_HTTP = 'kraken-sdk on node:http (its default in Node)';
export const SHOPIFY = '@shopify/graphql-client';
export const GRAPHQL_REQUEST = 'graphql-request';
export const KRAKEN_ON_GRAPHQL_REQUEST = 'kraken-sdk on its graphql-request adapter';

/** The SDK's entry points a subject calls through: the published build's (per call), as users import them. */
export interface SdkEntries {
  readonly st: typeof StEntry;
  readonly graphqlRequest: typeof GraphQLRequestEntry;
  readonly node: typeof NodeEntry;
}

/**
 * Every subject, bound to one endpoint and fetch. The raw fetch call comes first: it is the baseline.
 * Over a real server (`overHttp`), also bare node:http and the client on its Node transport.
 */
export function callSubjects({ st, graphqlRequest: { graphqlRequestTransport }, node: { nodeHttpTransport } }: SdkEntries, url: string, fetchFunction: FetchFunction, overHttp = false): CallSubject[] {
  const document = st.AcceptGoodsQuoteDocument;
  const text = document.kraken.text;
  const kraken = st.createKrakenClient({ endpoint: url, fetch: fetchFunction });
  const krakenOnGraphQLRequest = st.createKrakenClient({ endpoint: url, transport: graphqlRequestTransport({ fetch: fetchFunction }) });
  const graphqlRequest = new GraphQLClient(url, { fetch: fetchFunction });
  const shopify = createGraphQLClient({ url, customFetchApi: fetchFunction, headers: { 'Content-Type': 'application/json' } });
  const krakenOnNodeHttp = st.createKrakenClient({ endpoint: url, transport: nodeHttpTransport() });
  const nodeHttp: CallSubject[] = overHttp
    ? [
        { name: BARE_NODE_HTTP, call: () => minimalNodeHttpRequest(url, text, acceptGoodsQuoteVariables) },
        { name: KRAKEN_ON_NODE_HTTP, call: () => krakenOnNodeHttp.request(document, acceptGoodsQuoteVariables) },
      ]
    : [];
  return [
    { name: RAW_FETCH, call: () => minimalRequest(fetchFunction, url, text, acceptGoodsQuoteVariables) },
    ...nodeHttp,
    { name: RAW_FETCH_WITH_TIMEOUT, call: () => minimalRequest(fetchFunction, url, text, acceptGoodsQuoteVariables, AbortSignal.timeout(30_000)) },
    { name: KRAKEN, call: () => kraken.request(document, acceptGoodsQuoteVariables) },
    { name: KRAKEN_ON_GRAPHQL_REQUEST, call: () => krakenOnGraphQLRequest.request(document, acceptGoodsQuoteVariables) },
    { name: SHOPIFY, call: () => shopify.request(text, { variables: acceptGoodsQuoteVariables }) },
    { name: GRAPHQL_REQUEST, call: () => graphqlRequest.request(text, acceptGoodsQuoteVariables) },
  ];
}

/** Calls each subject once and checks it resolved to the expected data, so no subject is measured failing. */
export async function checkSubjects(subjects: readonly CallSubject[], expectedData: unknown): Promise<void> {
  const expected = JSON.stringify(expectedData);
  for (const subject of subjects) {
    const result = (await subject.call()) as { data?: unknown; errors?: unknown } | null;
    // Raw fetch and Shopify resolve to the envelope; the others to its data.
    const data = [RAW_FETCH, RAW_FETCH_WITH_TIMEOUT, SHOPIFY, BARE_NODE_HTTP].includes(subject.name) ? result?.data : result;
    if (JSON.stringify(data) !== expected) {
      throw new Error(`bench: ${subject.name} answered ${JSON.stringify(result)?.slice(0, 300)}, not the expected data`);
    }
  }
}
