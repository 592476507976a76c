import { ClientError, GraphQLClient } from 'graphql-request';
import type { KrakenOperation } from './document.js';
import { createRequestAbort } from './abort.js';
import { AUTH_ERROR_CODES, codesOf, KrakenError, RATE_LIMIT_CODE } from './errors.js';
import type { KrakenGraphQLError } from './errors.js';

export type FetchFunction = (input: URL | RequestInfo, init?: RequestInit) => Promise<Response>;

export interface OperationRequest {
  readonly url: string;
  readonly operation: KrakenOperation;
  readonly variables?: object | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch?: FetchFunction | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  /** The clock, for Retry-After dates. */
  readonly now?: (() => number) | undefined;
}

/** A GraphQL JSON response, whatever its status: data and errors as sent. */
export interface GraphQLResponse {
  readonly data: unknown;
  readonly errors: readonly KrakenGraphQLError[];
  readonly status: number;
  readonly headers: Headers;
}

interface CapturedResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Sends one operation through graphql-request. Resolves with any GraphQL JSON response (errors included,
 * whatever the HTTP status); rejects with a `network` or `http` KrakenError otherwise.
 */
export async function sendOperation(request: OperationRequest): Promise<GraphQLResponse> {
  const { operation } = request;
  const now = request.now ?? (() => Date.now());
  const abort = createRequestAbort(request.signal, request.timeoutMs);
  let captured: CapturedResponse | undefined;
  let responded = false;

  // Reads the body once here so a non-GraphQL answer keeps its status and text (graphql-request
  // throws a bare parse error for those on 2xx).
  const capturingFetch: FetchFunction = async (input, init) => {
    const baseFetch = request.fetch ?? globalThis.fetch;
    const response = await baseFetch(input, init);
    responded = true;
    const body = await response.text();
    captured = { status: response.status, headers: response.headers, body };
    // graphql-request 7 reads only status, ok, headers and text() of the response; handing it the text we
    // already hold avoids building a second Response (measured: about half of the client's overhead).
    const replay: Pick<Response, 'status' | 'ok' | 'statusText' | 'headers' | 'text'> = {
      status: response.status,
      ok: response.ok,
      statusText: response.statusText,
      headers: response.headers,
      text: () => Promise.resolve(body),
    };
    return replay as Response;
  };

  const client = new GraphQLClient(request.url, {
    fetch: capturingFetch,
    method: 'POST',
    headers: { ...request.headers },
    errorPolicy: 'all',
    // We already know the name and text: skip graphql-request's parse and add the name ourselves.
    excludeOperationName: true,
    jsonSerializer: {
      parse: (text: string): unknown => JSON.parse(text),
      stringify: (body: unknown): string =>
        JSON.stringify(
          operation.operationName && typeof body === 'object' && body !== null && !Array.isArray(body)
            ? { ...body, operationName: operation.operationName }
            : body,
        ),
    },
  });

  try {
    const response = await client.rawRequest<unknown>({
      query: operation.text,
      variables: request.variables,
      signal: abort.signal,
    });
    const errors = (response.errors ?? []) as readonly KrakenGraphQLError[];
    if (response.data === undefined && errors.length === 0) {
      throw httpError(operation, response, 'The response carried neither data nor errors.', now);
    }
    return { data: response.data, errors, status: response.status, headers: response.headers };
  } catch (error) {
    if (error instanceof KrakenError) throw error;
    const abortedBecause = abort.reason();
    if (abortedBecause !== undefined) {
      throw new KrakenError({
        kind: 'network',
        reason: abortedBecause,
        message: `${label(operation)}request ${abortedBecause === 'timeout' ? `timed out after ${request.timeoutMs} ms` : 'was aborted'}.`,
        ...nameOf(operation),
        cause: abort.signal.reason,
      });
    }
    if (error instanceof ClientError) {
      const { response } = error;
      const errors = Array.isArray(response.errors) ? (response.errors as readonly KrakenGraphQLError[]) : [];
      if (errors.length > 0) {
        return { data: response.data, errors, status: response.status, headers: response.headers };
      }
      // Deliberately not the ClientError as cause: its message embeds the request variables.
      throw httpError(operation, { status: response.status, headers: response.headers, body: response.body ?? captured?.body ?? '' }, 'The response is not GraphQL JSON.', now);
    }
    if (!responded || captured === undefined) {
      throw new KrakenError({
        kind: 'network',
        reason: 'connection',
        message: `${label(operation)}could not reach the server: ${error instanceof Error ? error.message : String(error)}`,
        ...nameOf(operation),
        cause: error,
      });
    }
    throw httpError(operation, captured, 'The response is not GraphQL JSON.', now);
  } finally {
    abort.dispose();
  }
}

/** Turns a response that carried GraphQL errors into the right kind of KrakenError. */
export function errorFromResponse(
  operation: KrakenOperation,
  response: GraphQLResponse,
  now: () => number,
): KrakenError {
  const codes = codesOf(response.errors);
  const kind = codes.includes(RATE_LIMIT_CODE)
    ? 'rate-limit'
    : codes.some((code) => AUTH_ERROR_CODES.has(code))
      ? 'auth'
      : 'graphql';
  const first = response.errors[0];
  const retryAfterMs = kind === 'rate-limit' ? retryAfterOf(response, now) : undefined;
  return new KrakenError({
    kind,
    message: `${label(operation)}${codes[0] ? `${codes[0]}: ` : ''}${first?.message ?? 'GraphQL error'}`,
    ...nameOf(operation),
    errors: response.errors,
    data: response.data,
    status: response.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** Retry-After header (seconds or HTTP date), else a `retryAfter` (seconds) / `retryAfterMs` extension. */
function retryAfterOf(response: GraphQLResponse, now: () => number): number | undefined {
  const fromHeader = retryAfterHeader(response.headers, now);
  if (fromHeader !== undefined) return fromHeader;
  for (const error of response.errors) {
    const extensions = error.extensions ?? {};
    if (typeof extensions.retryAfterMs === 'number') return extensions.retryAfterMs;
    if (typeof extensions.retryAfter === 'number') return extensions.retryAfter * 1000;
  }
  return undefined;
}

/** A non-GraphQL answer: `http`, except HTTP 429 which is a `rate-limit` like KT-CT-1199. */
function httpError(operation: KrakenOperation, response: CapturedResponse, why: string, now: () => number): KrakenError {
  const { status, body } = response;
  if (status === 429) {
    const retryAfterMs = retryAfterHeader(response.headers, now);
    return new KrakenError({
      kind: 'rate-limit',
      message: `${label(operation)}HTTP 429: Too many requests.`,
      ...nameOf(operation),
      status,
      body,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return new KrakenError({ kind: 'http', message: `${label(operation)}HTTP ${status}: ${why}`, ...nameOf(operation), status, body });
}

function retryAfterHeader(headers: Headers, now: () => number): number | undefined {
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function label(operation: KrakenOperation): string {
  return operation.operationName ? `${operation.operationName}: ` : '';
}

function nameOf(operation: KrakenOperation): { operationName?: string } {
  return operation.operationName ? { operationName: operation.operationName } : {};
}
