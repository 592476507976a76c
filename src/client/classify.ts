import type { KrakenOperation } from '../core/document.js';
import { AUTH_ERROR_CODES, codesOf, ERROR_DATA_BODY_LIMIT, MAX_RETRY_AFTER_MS, RATE_LIMIT_CODE } from '../core/errors.js';
import type { KrakenError, KrakenGraphQLError } from '../core/errors.js';
import { KrakenError as KrakenErrorClass } from '../core/errors.js';
import { addSecret, learnSecrets, redactCutEnd, redactedError, redactedPart } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import type { TransportResponse } from './transport.js';
import type { Answer, CallState, SendFailure } from './chain.js';

/** A valid GraphQL-over-HTTP answer: data, errors, or both. */
export interface GraphQLResponse {
  readonly data: unknown;
  readonly errors: readonly KrakenGraphQLError[];
  readonly status: number;
  readonly headers: TransportResponse['headers'];
  /** Length of the body text, to decide how much of it an error keeps. */
  readonly size: number;
}

/** Where a request went, for messages: origin and path only (never user info or query). */
export interface RequestTarget {
  readonly operation: KrakenOperation;
  readonly origin: string;
  readonly path: string;
  readonly now: () => number;
  /** The client's secrets: taken out of every error built for this target (see redact.ts). */
  readonly secrets?: Secrets | undefined;
}

const COMPLEXITY_ADVICE: Readonly<Record<string, string>> = {
  'KT-CT-1188': 'the query is too complex: select fewer fields or nest less (retrying the same query will not help)',
  'KT-CT-1189': 'the query asks for too many nodes: request smaller pages (`first`/`last`) or fewer connections (retrying the same query will not help)',
};

function label(operation: KrakenOperation): string {
  return operation.operationName ? `${operation.operationName}: ` : '';
}

function nameOf(operation: KrakenOperation): { operationName?: string } {
  return operation.operationName ? { operationName: operation.operationName } : {};
}

type Envelope = { readonly data: unknown; readonly errors: readonly KrakenGraphQLError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isGraphQLError(value: unknown): value is KrakenGraphQLError {
  return isPlainObject(value) && typeof value.message === 'string';
}

/** The GraphQL-over-HTTP envelope of a parsed body (undefined: not JSON), or why it is not one. */
function envelopeOf(body: unknown): Envelope | string {
  if (body === undefined) return 'the body is not JSON';
  if (!isPlainObject(body)) return 'the body is not a JSON object';
  const { data, errors } = body;
  if (data !== undefined && data !== null && !isPlainObject(data)) return '`data` is neither an object nor null';
  if (errors !== undefined && errors !== null) {
    if (!Array.isArray(errors) || errors.length === 0 || !errors.every(isGraphQLError)) {
      return '`errors` is not a non-empty list of errors with a `message`';
    }
    return { data, errors };
  }
  if (data === undefined || data === null) return 'it carries neither data nor errors';
  return { data, errors: [] };
}

/**
 * Reads what the transport returned: a valid GraphQL response (with or without errors), or a
 * KrakenError (`http`, or `rate-limit` for HTTP 429) for anything else.
 */
export function readResponse(target: RequestTarget, response: TransportResponse, body: unknown): GraphQLResponse {
  const { status } = response;
  if (status === 0 || (status >= 300 && status < 400)) throw redirectError(target, response);
  if (response.unreadable !== undefined) throw httpError(target, response, response.unreadable);
  if (response.truncated) {
    throw httpError(target, response, `the response is larger than the client's maxResponseBytes; reading stopped`);
  }
  const envelope = envelopeOf(body);
  if (typeof envelope === 'string') throw httpError(target, response, `not a GraphQL response: ${envelope}`);
  if (envelope.errors.length === 0 && (status < 200 || status > 299)) {
    throw httpError(target, response, 'a GraphQL result without errors on an error status');
  }
  return { ...envelope, status, headers: response.headers, size: response.body.length };
}

function redirectError(target: RequestTarget, response: TransportResponse): KrakenError {
  const location = response.headers.get('location');
  // Status 0 is a browser's opaque redirect; elsewhere a missing Location is the server's.
  let where = response.status ? 'a redirect without a Location header' : 'redirected to a location the browser hides';
  if (location !== null) {
    try {
      where = `redirected to ${new URL(location, `${target.origin}${target.path}`).origin}`;
    } catch {
      where = 'redirected to an invalid location';
    }
  }
  return redactedError({
    kind: 'http',
    message: `${label(target.operation)}HTTP ${response.status || 'redirect'} from ${target.origin}: ${where}; the client never follows redirects.`,
    ...nameOf(target.operation),
    status: response.status,
    origin: target.origin,
  }, target.secrets);
}

/** A non-GraphQL answer: `http`, except HTTP 429 which is a `rate-limit` like KT-CT-1199. */
function httpError(target: RequestTarget, response: TransportResponse, why: string): KrakenError {
  const { status } = response;
  // A login answer's tokens (or an echoed input) are secrets even when the answer is not GraphQL.
  learnSecrets(target.secrets, response.body);
  // An excerpt was cut before the secrets were looked for: the start of one may end it.
  const body = response.truncated ? redactCutEnd(response.body, target.secrets) : response.body;
  const retryAfterMs = retryAfterHeader(response.headers, target.now);
  const common = {
    ...nameOf(target.operation),
    status,
    body,
    origin: target.origin,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
  if (status === 429) {
    return redactedError({ kind: 'rate-limit', message: `${label(target.operation)}HTTP 429 from ${target.origin}: too many requests.`, ...common }, target.secrets);
  }
  // What the reason quotes of the answer (a Content-Encoding name) is cut only once redacted.
  const shown = redactedPart(why, Infinity, target.secrets).replace(/"([^"]{40})[^"]+"/g, '"$1…"');
  return redactedError({ kind: 'http', message: `${label(target.operation)}HTTP ${status} from ${target.origin}${target.path}: ${shown}.`, ...common }, target.secrets);
}

/** Turns a response that carried GraphQL errors into the right kind of KrakenError. */
export function errorFromResponse(target: RequestTarget, response: GraphQLResponse): KrakenError {
  const { operation } = target;
  const codes = codesOf(response.errors);
  const kind = codes.includes(RATE_LIMIT_CODE) || response.status === 429
    ? 'rate-limit'
    : codes.some((code) => AUTH_ERROR_CODES.has(code))
      ? 'auth'
      : 'graphql';
  const first = response.errors[0];
  const retryAfterMs = retryAfterHeader(response.headers, target.now) ?? (kind === 'rate-limit' ? retryAfterExtension(response.errors) : undefined);
  const advice = codes.map((code) => COMPLEXITY_ADVICE[code]).find((text) => text !== undefined);
  learnSecrets(target.secrets, response.data);
  // Redacted before it is cut: cut first, the start of a secret could stay.
  const text = redactedPart(first?.message ?? 'GraphQL error', 500, target.secrets);
  return redactedError({
    kind,
    message: `${label(operation)}${codes[0] ? `${codes[0]}: ` : ''}${text}${advice ? ` (${advice})` : ''}`,
    ...nameOf(operation),
    errors: response.errors,
    data: response.size > ERROR_DATA_BODY_LIMIT ? undefined : response.data,
    status: response.status,
    origin: target.origin,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  }, target.secrets);
}

/** A wait in ms, clamped to 0…MAX_RETRY_AFTER_MS; undefined for anything negative or not a finite number. */
function clampWait(ms: number): number | undefined {
  if (Number.isNaN(ms) || ms < 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

/** A `retryAfter` (seconds) or `retryAfterMs` extension on any error. */
function retryAfterExtension(errors: readonly KrakenGraphQLError[]): number | undefined {
  for (const error of errors) {
    const extensions = error.extensions;
    if (!isPlainObject(extensions)) continue;
    if (typeof extensions.retryAfterMs === 'number') return clampWait(extensions.retryAfterMs);
    if (typeof extensions.retryAfter === 'number') return clampWait(extensions.retryAfter * 1000);
  }
  return undefined;
}

/**
 * The three shapes of an HTTP date (RFC 9110: IMF-fixdate, RFC 850, asctime), whole: Date.parse reads junk
 * (`Sunday, garbage 99`, `Mon, 1`) as some past date, which would send retries with no backoff.
 */
const HTTP_DATE = /^(?:\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT|\w{6,9}, \d\d-\w{3}-\d\d [\d:]{8} GMT|\w{3} \w{3} [ \d]\d [\d:]{8} \d{4})$/;

/** Retry-After in whole seconds or as an HTTP date; anything else (a list, junk) is no wait at all. */
function retryAfterHeader(headers: TransportResponse['headers'], now: () => number): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header)) return clampWait(Number(header) * 1000);
  const date = HTTP_DATE.test(header) ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? undefined : clampWait(Math.max(0, date - now()));
}

/** System error codes meaning the connection was never made, so the request never left. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Decoders' codes (zlib's Z_…, brotli's ERR__ERROR_…, zstd's ZSTD_error_…): the server answered, with a body that does not decode. */
const UNDECODABLE = /^(Z_|ERR__ERROR_|ZSTD_)/;
/** Undici's refusals of a request it will not send at all (a header it manages: Expect, Transfer-Encoding, Upgrade…). */
const REFUSED = /^UND_ERR_(INVALID_ARG|NOT_SUPPORTED)$/;

/** The first error with a system error code (`code` like `ECONNREFUSED`) in an error's cause chain. */
function codedErrorOf(error: unknown): { code: string; message?: unknown } | undefined {
  const seen = new Set<unknown>();
  let current = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Za-z0-9_]+$/.test(code)) return current as { code: string };
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) {
      const inner = nested.map(codedErrorOf).find((found) => found !== undefined);
      if (inner !== undefined) return inner;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}


/** Fetch's own refusal of a port it never connects to (the Fetch standard's "bad port"); it carries no system code. */
function isRefusedPort(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current.message === 'bad port') return true;
  }
  return false;
}

/**
 * A failure where no answer came: abort, timeout or connection (with the system code when the platform
 * gives one). `neverSent`: the caller knows nothing left (e.g. a signal aborted before sending). The
 * message's claim about the request ("was not sent" / "may have received") always matches `mayHaveReachedServer`.
 */
export function networkError(
  target: RequestTarget,
  failure: unknown,
  why: 'abort' | 'timeout' | undefined,
  timeoutMs: number,
  neverSent = false,
): KrakenError {
  const { operation, origin } = target;
  const request = operation.operationName ? `the ${operation.operationName} request` : 'the request';
  if (why !== undefined) {
    const what = why === 'timeout' ? `timed out after ${timeoutMs} ms` : 'was aborted';
    return redactedError({
      kind: 'network',
      reason: why,
      message: neverSent
        ? `${label(operation)}${request} to ${origin}${target.path} was not sent: the call ${what} first.`
        : `${label(operation)}no answer from ${origin}${target.path}: the call ${what}; the server may have received ${request}.`,
      ...nameOf(operation),
      origin,
      mayHaveReachedServer: !neverSent,
      cause: failure,
    }, target.secrets);
  }
  const coded = codedErrorOf(failure);
  if (coded !== undefined && UNDECODABLE.test(coded.code)) {
    // Not retried (an http error): the same answer would come again.
    return redactedError({
      kind: 'http',
      message: `${label(operation)}the answer from ${origin}${target.path} could not be decoded (${coded.code}): its body does not match its Content-Encoding.`,
      ...nameOf(operation),
      origin,
      cause: failure,
    }, target.secrets);
  }
  const refusedPort = isRefusedPort(failure);
  const refused = coded !== undefined && REFUSED.test(coded.code);
  const systemCode = coded?.code ?? (refusedPort ? 'BAD_PORT' : undefined);
  const notSent = neverSent || refusedPort || refused || (systemCode !== undefined && NEVER_SENT_CODES.has(systemCode));
  const detail = systemCode ?? (failure instanceof Error ? failure.message : 'unknown failure');
  return redactedError({
    kind: 'network',
    reason: 'connection',
    message: refusedPort
      ? `${label(operation)}${request} to ${origin} was not sent: port ${new URL(origin).port} is refused by the platform (fetch's "bad port" list) before sending anything; use another port.`
      : refused
        ? `${label(operation)}${request} to ${origin} was not sent: fetch refused it (${String(coded.message)}); leave that header to the transport.`
        : notSent
          ? `${label(operation)}could not connect to ${origin} (${detail}); ${request} was not sent.`
          : `${label(operation)}the connection to ${origin} failed (${detail}); the server may have received ${request}.`,
    ...nameOf(operation),
    origin,
    ...(systemCode === undefined ? {} : { systemCode }),
    mayHaveReachedServer: !notSent,
    cause: failure,
  }, target.secrets);
}

/** What the classify step knows of its client. */
export interface ClassifyContext {
  readonly secrets: Secrets;
  readonly timeoutMs: number;
  readonly now: () => number;
}

// Header names that carry credentials by convention: Authorization, Cookie, X-Api-Key, X-Session-Token, ...
const SECRET_HEADER = /auth|cookie|token|secret|key|pass|session|signature|credential/i;

/** The values of secret-looking headers, as sent and in the parts an echo may show alone (after a scheme, each cookie). */
function addHeaderSecrets(secrets: Secrets, headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) continue;
    addSecret(secrets, value);
    addSecret(secrets, value.replace(/^\S+\s+/, ''));
    for (const pair of value.split(';')) addSecret(secrets, pair.slice(pair.indexOf('=') + 1).trim());
  }
}

/** Where the call went, with the secrets its error must not show (learnt first: what it sent). */
export function targetOf(call: CallState, context: ClassifyContext): RequestTarget {
  addHeaderSecrets(context.secrets, call.headers ?? call.baseHeaders);
  addSecret(context.secrets, call.token);
  return { operation: call.operation, origin: call.endpoint.origin, path: call.endpoint.path, now: context.now, secrets: context.secrets };
}

/** The KrakenError of an attempt that got no answer. */
export const noAnswerError = (call: CallState, failure: SendFailure, context: ClassifyContext): KrakenError =>
  networkError(targetOf(call, context), failure.failure, failure.why, context.timeoutMs, failure.neverSent);

/** The KrakenError of an answer that is not a plain success. */
export function answerError(call: CallState, answer: Answer, context: ClassifyContext): KrakenError {
  const target = targetOf(call, context);
  let response: GraphQLResponse;
  try {
    response = readResponse(target, answer.response, answer.body);
  } catch (error) {
    // A transport that misbehaves (bad headers object…) still ends as a KrakenError.
    if (error instanceof KrakenErrorClass) return error;
    return redactedError({ kind: 'http', message: `${call.operation.operationName}: the response could not be read.`, origin: target.origin, cause: error }, target.secrets);
  }
  return errorFromResponse(target, response.errors.length > 0 ? response : { ...response, errors: [{ message: 'the answer carries no data' }] });
}
