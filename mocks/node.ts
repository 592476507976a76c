/**
 * `<package>/mocks/node`: a real local HTTP mock of a brand's Kraken servers (Node only).
 * Same engine as the msw handlers, served at the real paths so curl, GraphiQL and fetch work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EndpointKind } from '../src/catalog/types.js';
import type { KrakenBrand } from './brands.js';
import { brandSource } from './brands.js';
import type { KrakenEngineOptions, KrakenMockSource } from './engine.js';
import { createKrakenEngine } from './engine.js';
import type { KrakenMockState } from './state.js';
import { SCENARIO_HEADER } from './scenario-header.js';
import { RESET_PATH, mockLoginsOf, mockServerPage } from './usage.js';

export const API_PATH = '/v1/graphql/';
export const AUTH_PATH = '/graphql/';
const MAX_BODY_BYTES = 1_000_000;

/** One answered request, for logging (holds no secrets). */
export interface MockRequestLogEntry {
  method: string;
  /** The URL's path, never its query string. */
  path: string;
  operationName: string | null;
  status: number;
  /** The first Kraken error code of the answer (`extensions.errorCode`), if any. */
  errorCode: string | null;
  durationMs: number;
}

export interface MockKrakenServerOptions extends KrakenEngineOptions {
  brand: KrakenBrand | KrakenMockSource;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Called after each request is answered. */
  onRequest?: (entry: MockRequestLogEntry) => void;
}

export interface MockKrakenServer {
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** The API endpoint: `${url}/v1/graphql/`. */
  readonly apiUrl: string;
  /** The authentication-server endpoint (`${url}/graphql/`) for brands that have one. */
  readonly authUrl?: string;
  readonly state: KrakenMockState;
  close(): Promise<void>;
}

const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Max-Age': '86400',
  Vary: 'Origin',
};

/**
 * Who may use the mock from a browser. A web app under development is served from this machine
 * (localhost, 127.0.0.1, [::1], any port), so those pages get CORS; a page from anywhere else (or a sandboxed
 * page, Origin "null") must not reset the state, run mutations or send scenarios, and CORS alone cannot stop
 * it: a POST without custom headers and with a text/plain body reaches the server without a preflight. So
 * such requests are refused with 403 before anything runs. Tools (curl, Node, tests) send no Origin.
 */
function isForeignOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return false;
  try {
    const { protocol, hostname } = new URL(origin);
    return !((protocol === 'http:' || protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(hostname));
  } catch {
    return true;
  }
}

const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json';

/** GraphQL over HTTP: a client that asks for application/graphql-response+json gets it; others (Kraken's clients) get application/json. */
function jsonTypeFor(accept: string | undefined): string {
  return accept?.includes(GRAPHQL_RESPONSE_TYPE) ? `${GRAPHQL_RESPONSE_TYPE}; charset=utf-8` : 'application/json; charset=utf-8';
}

function send(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}, cors = true): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(cors ? { ...CORS_HEADERS, 'Access-Control-Allow-Headers': `Authorization, Content-Type, ${SCENARIO_HEADER}` } : {}),
    ...(body === undefined ? {} : { 'Content-Type': jsonTypeFor(response.req.headers.accept) }),
    ...extraHeaders,
  });
  response.end(text);
}

function firstErrorCode(body: unknown): string | null {
  const code = (body as { errors?: Array<{ extensions?: { errorCode?: unknown } }> } | undefined)?.errors?.[0]?.extensions?.errorCode;
  return typeof code === 'string' ? code : null;
}

class RequestBodyError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RequestBodyError(`Request body larger than ${MAX_BODY_BYTES} bytes.`, 413);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function bodyFromQueryString(searchParams: URLSearchParams): unknown {
  const variables = searchParams.get('variables');
  return {
    query: searchParams.get('query') ?? undefined,
    operationName: searchParams.get('operationName') ?? undefined,
    variables: variables ? (JSON.parse(variables) as unknown) : undefined,
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://mock.invalid').pathname;
  } catch {
    return '/';
  }
}

function endpointOfPath(pathname: string, hasAuthServer: boolean): EndpointKind | undefined {
  const normalised = pathname.endsWith('/') ? pathname : `${pathname}/`;
  if (normalised === API_PATH) return 'api';
  if (hasAuthServer && normalised === AUTH_PATH) return 'auth';
  return undefined;
}

/** Starts the mock on host:port (default 127.0.0.1, a free port). */
export async function startMockKrakenServer(options: MockKrakenServerOptions): Promise<MockKrakenServer> {
  const { brand, port = 0, host = '127.0.0.1', onRequest, ...engineOptions } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`startMockKrakenServer: port must be an integer from 0 to 65535, got ${String(port)}.`);
  }
  const source = brandSource(brand);
  const engine = createKrakenEngine(source, engineOptions);
  const hasAuthServer = source.catalog.endpoints.auth !== undefined;
  let baseUrl = '';

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<Omit<MockRequestLogEntry, 'method' | 'durationMs'>> {
    const url = new URL(request.url ?? '/', 'http://mock.invalid');
    const method = request.method ?? 'GET';
    const endpoint = endpointOfPath(url.pathname, hasAuthServer);
    const result = (status: number, operationName: string | null = null, errorCode: string | null = null) => ({ path: url.pathname, operationName, status, errorCode });
    if (isForeignOrigin(request.headers.origin)) {
      // No CORS headers: the page cannot even read this answer.
      send(response, 403, { errors: [{ message: 'The mock answers only pages served from this machine (localhost).' }] }, {}, false);
      return result(403);
    }
    if (method === 'OPTIONS') {
      const requested = request.headers['access-control-request-headers'];
      response.writeHead(204, { ...CORS_HEADERS, 'Access-Control-Allow-Headers': requested ?? `Authorization, Content-Type, ${SCENARIO_HEADER}` });
      response.end();
      return result(204);
    }
    if (url.pathname === RESET_PATH) {
      if (method !== 'POST') {
        send(response, 405, { errors: [{ message: `Use POST ${RESET_PATH} to reset the mock's state.` }] }, { Allow: 'POST' });
        return result(405);
      }
      engine.state.reset();
      send(response, 200, { reset: true });
      return result(200);
    }
    if (method === 'GET' && endpoint && !url.searchParams.has('query') && (request.headers.accept ?? '').includes('text/html')) {
      response.writeHead(200, { ...CORS_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
      response.end(mockServerPage(source.catalog.brand, baseUrl, `${baseUrl}${API_PATH}`, hasAuthServer ? `${baseUrl}${AUTH_PATH}` : undefined, mockLoginsOf(engine.schema)));
      return result(200);
    }
    if (!endpoint) {
      const paths = hasAuthServer ? `${API_PATH} or ${AUTH_PATH}` : API_PATH;
      send(response, 404, { errors: [{ message: `Not found: the mock serves GraphQL at ${paths}.` }] });
      return result(404);
    }
    if (method !== 'POST' && method !== 'GET') {
      send(response, 405, { errors: [{ message: `Method ${method} not allowed: use POST.` }] }, { Allow: 'GET, POST, OPTIONS' });
      return result(405);
    }
    // Kraken (graphene-django) reads no query from other media types either; a clear 415 beats its "Must provide query string."
    if (method === 'POST' && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      send(response, 415, { errors: [{ message: 'Send the request body as JSON with Content-Type: application/json.' }] });
      return result(415);
    }
    let body: unknown;
    try {
      body = method === 'GET' ? bodyFromQueryString(url.searchParams) : JSON.parse(await readBody(request));
    } catch (error) {
      const status = error instanceof RequestBodyError ? error.status : 400;
      const message = error instanceof RequestBodyError ? error.message : 'Request body is not valid JSON.';
      send(response, status, { errors: [{ message }] });
      return result(status);
    }
    const answered = await engine.handleKrakenRequest({ endpoint, headers: request.headers, body, method });
    send(response, answered.status, answered.body, answered.headers);
    return result(answered.status, answered.operationName ?? null, firstErrorCode(answered.body));
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    answer(request, response)
      .catch(() => {
        if (!response.headersSent) send(response, 500, { errors: [{ message: 'Internal mock error.' }] });
        else response.end();
        // The path only: a query string can hold variables (passwords).
        return { path: pathOf(request.url), operationName: null, status: 500, errorCode: null };
      })
      .then((entry) => onRequest?.({ method: request.method ?? 'GET', ...entry, durationMs: performance.now() - started }))
      .catch(() => {});
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${hostForUrl}:${address.port}`;
  return {
    url: baseUrl,
    apiUrl: `${baseUrl}${API_PATH}`,
    ...(hasAuthServer ? { authUrl: `${baseUrl}${AUTH_PATH}` } : {}),
    state: engine.state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export type { KrakenBrand } from './brands.js';
export type { KrakenEngineOptions, KrakenMockSource } from './engine.js';
// A value export: the bundled .d.ts re-exports this class as a value whatever the modifier, so the runtime must have it too.
export { KrakenMockState } from './state.js';
export type { KrakenMockSchema } from './schema.js';
export { KrakenMockSchemaError } from './schema.js';
export { RESET_PATH, mockLoginsOf, mockServerHowTo } from './usage.js';
export { SCENARIO_HEADER } from './scenario-header.js';
