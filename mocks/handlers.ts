import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import type { EndpointKind } from '../src/catalog/types.js';
import type { KrakenEngineOptions, KrakenMockEngine, KrakenMockSource } from './engine.js';
import { createKrakenEngine } from './engine.js';
import type { KrakenMockState } from './state.js';
import type { GraphQLOverHttpResolver } from './msw-graphql.js';
import { graphqlOverHttp } from './msw-graphql.js';

export interface KrakenMockHandlerOptions extends KrakenEngineOptions {
  /** API URL to intercept. Default: the brand's real API URL. */
  endpoint?: string;
  /** Authentication-server URL to intercept (brands with one). Default: the brand's real auth URL. */
  authEndpoint?: string;
}

/** msw handlers plus the engine state behind them (request log, login counts). */
export interface KrakenMock {
  readonly handlers: HttpHandler[];
  readonly state: KrakenMockState;
  readonly engine: KrakenMockEngine;
}

/** Handlers answering every documented operation, and any other request (queries, introspection), from one engine. */
export function createKrakenMockFromSource(source: KrakenMockSource, options: KrakenMockHandlerOptions = {}): KrakenMock {
  const engine = createKrakenEngine(source, options);
  const urls: Record<EndpointKind, string | undefined> = {
    api: options.endpoint ?? source.catalog.endpoints.api,
    auth: options.authEndpoint ?? source.catalog.endpoints.auth,
  };

  const resolverFor =
    (endpoint: EndpointKind): GraphQLOverHttpResolver =>
    async ({ query, variables, operationName, request }) => {
      const response = await engine.handleKrakenRequest({
        endpoint,
        headers: request.headers,
        body: { query, variables, ...(operationName ? { operationName } : {}) },
        method: request.method,
      });
      return HttpResponse.json(response.body, {
        status: response.status,
        ...(response.headers ? { headers: response.headers } : {}),
      });
    };

  const handlers: HttpHandler[] = [];
  for (const operation of source.catalog.operations) {
    const url = urls[operation.endpoint];
    if (url === undefined) continue;
    handlers.push(graphqlOverHttp({ url, operation: { type: 'mutation', name: operation.operationName } }, resolverFor(operation.endpoint)));
  }
  for (const endpoint of ['api', 'auth'] as const) {
    const url = urls[endpoint];
    if (url !== undefined) handlers.push(graphqlOverHttp({ url }, resolverFor(endpoint)));
  }
  return { handlers, state: engine.state, engine };
}
