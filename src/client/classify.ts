import type { KrakenOperation } from '../core/document.js';
import { AUTH_ERROR_CODES, codesOf, ERROR_DATA_BODY_LIMIT, MAX_RETRY_AFTER_MS, RATE_LIMIT_CODE } from '../core/errors.js';
import type { KrakenError, KrakenErrorDetails, KrakenGraphQLError } from '../core/errors.js';
import { addSecret, learnSecrets, redactCutEnd, redactedError, redactedPart } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import type { TransportResponse } from './transport.js';
import type { Answer, CallState, SendFailure } from './chain.js';

/** Where a request went, for messages: origin and path only (never user info or query). */
export interface RequestTarget {
  readonly operation: KrakenOperation;
  readonly origin: string;
  readonly path: string;
  readonly now: () => number;
  /** The client's secrets: taken out of every error built for this target (see redact.ts). */
  readonly secrets?: Secrets | undefined;
}

/** What to change when Kraken refuses a query for its cost (the same query is refused again). */
const COMPLEXITY_ADVICE: Readonly<Record<string, string>> = {
  'KT-CT-1188': ' (select fewer fields)',
  'KT-CT-1189': ' (request smaller pages)',
};

/** An error of a call to `target`: its operation named (message and field), its origin, its secrets taken out. */
function targetError(target: RequestTarget, details: Omit<KrakenErrorDetails, 'operationName' | 'origin'>): KrakenError {
  const name = target.operation.operationName;
  return redactedError({ ...details, message: name ? `${name}: ${details.message}` : details.message, operationName: name || undefined, origin: target.origin }, target.secrets);
}

type Envelope = { readonly data: unknown; readonly errors: readonly KrakenGraphQLError[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The GraphQL-over-HTTP envelope of a parsed body (undefined: not JSON), or why it is not one. */
function envelopeOf(body: unknown): Envelope | string {
  if (!isPlainObject(body)) return 'not a JSON object';
  const { data, errors } = body;
  if (data !== undefined && data !== null && !isPlainObject(data)) return '`data` is not an object';
  if (errors !== undefined && errors !== null) {
    return Array.isArray(errors) && errors.length > 0 && errors.every((error) => isPlainObject(error) && typeof error.message === 'string') ? { data, errors } : '`errors` is not a list';
  }
  return data === undefined || data === null ? 'neither data nor errors' : { data, errors: [] };
}

/** Why a redirect (never followed) is an error: where it pointed, by origin only. */
function redirectWhy(target: RequestTarget, { status, headers }: TransportResponse): string {
  const location = headers.get('location');
  // Status 0 is a browser's opaque redirect; elsewhere a missing Location is the server's.
  let where = status ? 'without a Location header' : 'to a location the browser hides';
  if (location !== null) {
    try {
      where = `to ${new URL(location, `${target.origin}${target.path}`).origin}`;
    } catch {
      where = 'to an invalid location';
    }
  }
  return `redirect ${where}, not followed`;
}

/**
 * What an answer that is not a plain success means: a GraphQL error by its codes, or for anything that is not
 * a GraphQL response, `http` (`rate-limit` for HTTP 429, like KT-CT-1199).
 */
function errorOfAnswer(target: RequestTarget, response: TransportResponse, body: unknown): KrakenError {
  const { status, headers } = response;
  const { origin, path, secrets } = target;
  const retryAfterMs = retryAfterHeader(headers, target.now);
  const envelope = envelopeOf(body);
  // Never a 2xx answer without errors: that is a plain success, which the classify step passes on.
  const why =
    (status === 0 || (status >= 300 && status < 400) ? redirectWhy(target, response) : response.unreadable) ??
    (response.truncated
      ? 'over maxResponseBytes'
      : typeof envelope === 'string'
        ? `not a GraphQL response: ${envelope}`
        : envelope.errors.length === 0 ? 'no GraphQL errors' : undefined);
  if (why === undefined) return graphQLError(target, envelope as Envelope, status, retryAfterMs, response.body.length);
  // A login answer's tokens (or an echoed input) are secrets even when the answer is not GraphQL.
  learnSecrets(secrets, response.body);
  // What the reason quotes of the answer (a Content-Encoding name) is cut only once redacted.
  const shown = status === 429 ? 'too many requests' : redactedPart(why, Infinity, secrets).replace(/"([^"]{40})[^"]+"/g, '"$1…"');
  return targetError(target, {
    kind: status === 429 ? 'rate-limit' : 'http',
    message: `HTTP ${status} from ${origin}${path}: ${shown}.`,
    status,
    // An excerpt was cut before the secrets were looked for: the start of one may end it.
    body: response.truncated ? redactCutEnd(response.body, secrets) : response.body,
    retryAfterMs,
  });
}

/** A GraphQL response with errors: `rate-limit`, `auth` or `graphql` by its codes. `size`: of the body, to decide whether the error keeps `data`. */
function graphQLError(target: RequestTarget, { data, errors }: Envelope, status: number, retryAfterMs: number | undefined, size: number): KrakenError {
  const codes = codesOf(errors);
  const kind = codes.includes(RATE_LIMIT_CODE) || status === 429 ? 'rate-limit' : codes.some((code) => AUTH_ERROR_CODES.has(code)) ? 'auth' : 'graphql';
  const advice = codes.map((code) => COMPLEXITY_ADVICE[code]).find(Boolean);
  learnSecrets(target.secrets, data);
  // Redacted before it is cut: cut first, the start of a secret could stay (the code the message shows too).
  const text = redactedPart(String(errors[0]?.message), 500, target.secrets);
  const code = codesOf(errors.map(({ extensions }) => ({ message: '', extensions: { errorCode: typeof extensions?.errorCode === 'string' ? redactedPart(extensions.errorCode, Infinity, target.secrets) : '' } })))[0];
  return targetError(target, {
    kind,
    message: `${code ? `${code}: ` : ''}${text}${advice ?? ''}`,
    errors,
    data: size > ERROR_DATA_BODY_LIMIT ? undefined : data,
    status,
    retryAfterMs: retryAfterMs ?? (kind === 'rate-limit' ? retryAfterExtension(errors) : undefined),
  });
}

/** A wait in ms, clamped to 0…MAX_RETRY_AFTER_MS; undefined for anything negative or not a number. */
const clampWait = (ms: number): number | undefined => (ms >= 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : undefined);

/** A `retryAfter` (seconds) or `retryAfterMs` extension on any error. */
function retryAfterExtension(errors: readonly KrakenGraphQLError[]): number | undefined {
  for (const { extensions } of errors) {
    const { retryAfterMs, retryAfter } = (extensions ?? {}) as Record<string, unknown>;
    if (typeof retryAfterMs === 'number') return clampWait(retryAfterMs);
    if (typeof retryAfter === 'number') return clampWait(retryAfter * 1000);
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
  const header = headers.get('retry-after')?.trim() ?? '';
  if (/^\d+$/.test(header)) return clampWait(Number(header) * 1000);
  // A date that matches the shape but does not exist parses to NaN: no wait.
  return HTTP_DATE.test(header) ? clampWait(Math.max(0, Date.parse(header) - now())) : undefined;
}

/**
 * System codes meaning the request never left: no connection was made (refused, no address, no route, a
 * certificate refused: the TLS handshake comes first), or fetch refused it (a "bad port", a header undici
 * manages: Expect, Transfer-Encoding, Upgrade…).
 */
const NEVER_SENT = /^(E(CONNREFUSED|NOTFOUND|AI_\w+|NETUNREACH|HOSTUNREACH|ADDRNOTAVAIL)|UND_ERR_CONNECT_TIMEOUT|BAD_PORT|UND_ERR_(INVALID_ARG|NOT_SUPPORTED))$|CERT|LEAF_SIGNATURE/;

/**
 * The first error with a system error code (`code` like `ECONNREFUSED`) in an error's cause chain; fetch's own
 * refusal of a port it never connects to (the Fetch standard's "bad port") carries none, and reads as BAD_PORT.
 */
function codedErrorOf(error: unknown, seen = new Set<unknown>()): { code: string; message?: unknown } | undefined {
  for (let current = error; typeof current === 'object' && current !== null && !seen.has(current); current = (current as Error).cause) {
    seen.add(current);
    const { code, errors, message } = current as { code?: unknown; errors?: unknown; message?: unknown };
    if (message === 'bad port') return { code: 'BAD_PORT' };
    // Runtimes without Node's codes say it in words: Deno's refused connection; a decoder's failure (Bun's ZlibError, Deno's, workerd's).
    const words = /(connection refused)|zlib|decod|decompress/i.exec(`${code} ${message}`);
    if (words) return { code: words[1] ? 'ECONNREFUSED' : 'Z_DATA_ERROR' };
    if (typeof code === 'string' && /^[A-Z][A-Za-z0-9_]+$/.test(code)) return current as { code: string };
    const inner = Array.isArray(errors) ? errors.map((nested) => codedErrorOf(nested, seen)).find(Boolean) : undefined;
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/**
 * A failure where no answer came: abort, timeout or connection (with the system code when the platform
 * gives one). `neverSent`: the caller knows nothing left (e.g. a signal aborted before sending). The
 * message's claim about the request ("was not sent" / "may have received") always matches `mayHaveReachedServer`.
 */
function networkError(
  target: RequestTarget,
  failure: unknown,
  why: 'abort' | 'timeout' | undefined,
  timeoutMs: number,
  neverSent = false,
): KrakenError {
  const { operation, origin } = target;
  const request = `the ${operation.operationName ? `${operation.operationName} ` : ''}request`;
  const coded = why === undefined ? codedErrorOf(failure) : undefined;
  const systemCode = coded?.code;
  if (/^(Z_|ERR__ERROR_|ZSTD_)/.test(systemCode ?? '')) {
    // A decoder's code (zlib, brotli, zstd): the server answered, with a body that does not decode. Not retried: the same answer would come again.
    return targetError(target, { kind: 'http', message: `the answer from ${origin}${target.path} does not match its Content-Encoding (${systemCode}).`, cause: failure });
  }
  const notSent = neverSent || NEVER_SENT.test(systemCode ?? '');
  const what = why
    ? (why === 'timeout' ? `timed out after ${timeoutMs} ms` : 'aborted')
    : systemCode === 'BAD_PORT'
      ? `port ${new URL(origin).port} is refused by the platform`
      : /^UND_ERR_(INVALID_ARG|NOT_SUPPORTED)$/.test(systemCode ?? '')
        ? `fetch refused it (${coded?.message})`
        : `the connection failed (${systemCode ?? (failure instanceof Error ? failure.message : 'unknown failure')})`;
  return targetError(target, {
    kind: 'network',
    reason: why ?? 'connection',
    message: notSent ? `${request} to ${origin} was not sent: ${what}.` : `no answer from ${origin}: ${what}; the server may have received ${request}.`,
    systemCode,
    mayHaveReachedServer: !notSent,
    cause: failure,
  });
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
function targetOf(call: CallState, context: ClassifyContext): RequestTarget {
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
  try {
    return errorOfAnswer(target, answer.response, answer.body);
  } catch (error) {
    // A transport that misbehaves (bad headers object…) still ends as a KrakenError.
    return targetError(target, { kind: 'http', message: 'the response could not be read.', cause: error });
  }
}
