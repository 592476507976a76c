/**
 * `kraken-sdk pull`: introspection against a brand's endpoint, printed as SDL sorted so that two
 * pulls of the same server are byte-identical. It asks for everything introspection can give
 * (deprecated arguments and input fields, @oneOf, @specifiedBy, repeatable); a server that refuses
 * those fields gets the plain query, and the file and stderr say what may be missing.
 */
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import type { KrakenDocument } from '../core/document.js';
import { KrakenError } from '../core/errors.js';
import { addSecret, REDACTED, redactedPart } from '../core/redact.js';
import type { Secrets } from '../core/redact.js';
import type { FetchFunction } from '../client/transport.js';
import { DOCUMENTED_BRANDS } from '../codegen/brands.js';
import { registeredEndpoints } from '../codegen/brand-registry.js';
import { authFromEnv } from './env-auth.js';
import { recordedEndpoint, schemaOriginLines } from './schema-header.js';

/** Why a pull produced no schema: one line, never a secret. */
export class PullError extends Error {
  override readonly name = 'PullError';
}

export interface PullOptions {
  /** A brand id; with a known brand (the registry), `endpoint` may be left out. */
  brand?: string;
  /** Defaults to the registry's API endpoint of `brand`. */
  endpoint?: string;
  env: Readonly<Record<string, string | undefined>>;
  fetch?: FetchFunction;
  /** Lets a plain-http endpoint on another machine receive the credentials (`--allow-insecure-http`). */
  allowInsecureHttp?: boolean;
  /** The date written in the header; default today. */
  now?: () => Date;
  /** The largest introspection answer read (bytes, decoded); default 64 MiB. */
  maxResponseBytes?: number;
  /** Told when the pull had to fall back to the plain introspection query. */
  onNote?: (note: string) => void;
}

const introspection = (text: string): KrakenDocument<IntrospectionQuery, Record<string, never>> => ({
  kraken: { operationName: 'IntrospectionQuery', text, endpoint: 'api' },
});
const EXTENDED_INTROSPECTION = introspection(
  getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, inputValueDeprecation: true, oneOf: true }),
);
const PLAIN_INTROSPECTION = introspection(getIntrospectionQuery());
/** How large an introspection answer pull reads by default: a Kraken brand's may pass the client's 10 MiB. */
const PULL_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const FALLBACK_NOTE = 'used the plain introspection query: deprecated arguments and input fields, @oneOf, @specifiedBy and repeatable may be missing';

/**
 * A GraphQL refusal of the query itself (an older server's validation, answered 200 or 400), not of the
 * caller, nor a wrong path (a 404 carrying GraphQL errors is reported as not found, not retried plainly).
 */
const refusedQuery = (error: unknown): boolean =>
  error instanceof KrakenError && error.kind === 'graphql' && error.code === undefined && (error.status === undefined || error.status === 200 || error.status === 400);

/** The schema's SDL, with a header naming the endpoint's origin and the date. */
export async function pullSchemaSdl(options: PullOptions): Promise<string> {
  const registered = registeredEndpoints(options.brand);
  const endpoint = options.endpoint ?? registered?.api;
  if (endpoint === undefined) {
    throw new PullError(options.brand === undefined ? 'give --endpoint (or --brand with a brand of the registry)' : `brand "${options.brand}" is not in the registry: give its --endpoint`);
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Not echoed: an unparsable URL may still hold a password.
    throw new PullError('--endpoint is not a valid absolute URL');
  }
  // Never echoed: the password is in it.
  if (url.username !== '' || url.password !== '') throw new PullError('--endpoint must not hold a user name or password: set KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY or KRAKEN_TOKEN');
  const { origin } = url;
  const auth = authFromEnv(options.env);
  // What the schema's text must not hold: the credentials, and the tokens the login gives (a server may echo them).
  const secrets: Secrets = new Set();
  for (const [field, value] of Object.entries(auth ?? {})) if (field !== 'email') addSecret(secrets, value);
  // The login goes where the schema comes from: never to a host the user did not name. Without --endpoint,
  // a registered brand's own authentication server (oejp's) is where its logins go.
  const authEndpoint = options.endpoint ?? registered?.auth ?? endpoint;
  // A documented brand's client carries its documented login operation; any other brand logs in with the default one.
  const sdk = await import('../client/index.js');
  const createClient =
    options.brand !== undefined && Object.hasOwn(DOCUMENTED_BRANDS, options.brand)
      ? await (DOCUMENTED_BRANDS[options.brand] as (typeof DOCUMENTED_BRANDS)[string]).loadClient()
      : sdk.createKrakenClient;
  const client = createClient({
    endpoint,
    authEndpoint,
    ...(auth ? { auth: 'token' in auth ? auth : sdk.loginWith(auth) } : {}),
    ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    // KRAKEN_SDK_DEBUG=1: the client's debug lines (names, statuses, codes; never secrets) on stderr.
    ...(options.env.KRAKEN_SDK_DEBUG ? { debug: true } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    maxResponseBytes: options.maxResponseBytes ?? PULL_MAX_RESPONSE_BYTES,
    onSession: (session: { token: string; refreshToken?: string | undefined }) => {
      addSecret(secrets, session.token);
      addSecret(secrets, session.refreshToken);
    },
  });
  let result: IntrospectionQuery;
  let note: string | null = null;
  try {
    result = await client.request(EXTENDED_INTROSPECTION);
  } catch (extendedError) {
    if (!refusedQuery(extendedError)) throw describeFailure(extendedError, origin, auth !== undefined, url.pathname, options.maxResponseBytes);
    try {
      result = await client.request(PLAIN_INTROSPECTION);
    } catch (error) {
      throw describeFailure(error, origin, auth !== undefined, url.pathname, options.maxResponseBytes);
    }
    const reason = (extendedError as KrakenError).errors[0]?.message.split('\n')[0] ?? 'no reason given';
    note = `${origin} refused the extended introspection query (${reason}); ${FALLBACK_NOTE}`;
    options.onNote?.(note);
  }
  if (typeof result !== 'object' || result === null || typeof result.__schema !== 'object' || result.__schema === null) {
    throw new PullError(`${origin} answered without a schema: introspection is refused or this is not a GraphQL endpoint`);
  }
  let sdl: string;
  try {
    sdl = printSchema(lexicographicSortSchema(buildClientSchema(result)));
  } catch (error) {
    throw new PullError(`${origin} sent an introspection result that is not a valid schema: ${(error as Error).message}`);
  }
  sdl = withoutSecrets(sdl, secrets, origin, options.onNote);
  const date = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
  const origins = schemaOriginLines({
    endpoint: recordedEndpoint(endpoint),
    ...(authEndpoint !== endpoint ? { authEndpoint: recordedEndpoint(authEndpoint) } : {}),
    ...(options.brand !== undefined ? { brand: options.brand } : {}),
  });
  const header = [
    `# Schema of ${origin}, pulled by kraken-sdk pull on ${date} (introspection; sorted).`,
    ...origins,
    ...(note === null ? [] : [`# Note: ${FALLBACK_NOTE.replace(/^used/, 'pulled with')}.`]),
  ].join('\n');
  return `${header}\n\n${sdl}\n`;
}

/** The SDL with every credential it echoes (in any form redact.ts knows) written as [redacted]; refused when that breaks it. */
function withoutSecrets(sdl: string, secrets: Secrets, origin: string, onNote: ((note: string) => void) | undefined): string {
  const redacted = redactedPart(sdl, Number.POSITIVE_INFINITY, secrets);
  if (redacted === sdl) return sdl;
  try {
    buildSchema(redacted);
  } catch {
    throw new PullError(`${origin} sent a schema holding a credential of yours in a name: nothing written`);
  }
  onNote?.(`the schema from ${origin} held a credential of yours (the server echoed it): written as ${REDACTED}`);
  return redacted;
}

/** The system's code for a failed connection (ECONNREFUSED, ENOTFOUND…), found along the cause chain. */
function systemCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause instanceof Object && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    const nested = (cause as { errors?: unknown }).errors;
    if (Array.isArray(nested)) {
      const inner = nested.map(systemCode).find((found) => found !== undefined);
      if (inner) return inner;
    }
  }
  return undefined;
}

const SYSTEM_CODE_MEANINGS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
};

function describeFailure(error: unknown, origin: string, authenticated: boolean, path: string, limit = PULL_MAX_RESPONSE_BYTES): PullError {
  if (!(error instanceof KrakenError)) return new PullError(`pull from ${origin} failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error.status === 404) return new PullError(`${origin}${path} was not found (HTTP 404): check --endpoint (Kraken serves GraphQL at /v1/graphql/)`);
  if (error.kind === 'auth' || error.status === 401 || error.status === 403) {
    return new PullError(
      authenticated
        ? `${origin} refused the credentials from the environment${error.code ? ` (${error.code})` : ''}`
        : `${origin} requires authentication: set KRAKEN_EMAIL and KRAKEN_PASSWORD, KRAKEN_API_KEY or KRAKEN_TOKEN`,
    );
  }
  if (error.kind === 'http') {
    // The client's message ends with why: where a redirect points (by origin), or the answer's limit.
    const why = /: (redirect to (\S+), not followed|over maxResponseBytes)\.$/.exec(error.message);
    if (why?.[2]) return new PullError(`${origin}${path} redirects (HTTP ${error.status}) to ${why[2]}, which pull does not follow: give the URL it redirects to as --endpoint`);
    if (why) return new PullError(`${origin} sent an answer over ${limit.toLocaleString('en')} bytes, more than pull reads`);
    return new PullError(`${origin} did not answer GraphQL (HTTP ${error.status ?? '?'}): not a GraphQL endpoint`);
  }
  if (error.kind === 'network') {
    const code = systemCode(error.cause);
    const meaning = code === undefined ? undefined : SYSTEM_CODE_MEANINGS[code];
    return new PullError(`cannot reach ${origin} (${code ? `${code}${meaning ? `: ${meaning}` : ''}` : (error.reason ?? 'connection')})`);
  }
  if (error.kind === 'graphql') {
    const first = error.errors[0]?.message ?? error.message;
    return new PullError(`${origin} refused introspection: ${first.split('\n')[0]}`);
  }
  return new PullError(`pull from ${origin} failed: ${error.message.split('\n')[0]}`);
}
