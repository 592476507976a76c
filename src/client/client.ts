// createKrakenClient: options checked once, then two chains of steps (chain.ts). A call:
//   observe.call → beforeError → retry → refresh → pause → requestHooks → observe.attempt → classify → timeout → auth → send
// The client's own logins: the same without auth, refresh and the call's hooks of errors:
//   retry (no retries: the session backs off itself) → pause → requestHooks → observe.attempt → classify → timeout → send
import type { AnyDocument, KrakenOperation } from '../core/document.js';
import { operationOf } from '../core/document.js';
import { KrakenError } from '../core/errors.js';
import { onFirstNeed } from '../core/runtime.js';
import { clientIdentity, callIdentities } from '../session/identity.js';
import type { Identity } from '../session/identity.js';
import type { LoginDocument } from '../session/login-document.js';
import { createTokenSource } from '../session/token-source.js';
import type { TokenSource } from '../session/token-source.js';
import type { ObtainTokenInput, ObtainTokenPayload } from '../session/types.js';
import { compose, newCall } from './chain.js';
import type { CallState, Next } from './chain.js';
import { authKindOf, HEADER_SAFE_STRING, headerRecord, MAX_TIMER_MS, NOT_HEADER_SAFE, numberInRange, parseEndpoint } from './config.js';
import type { Endpoint } from './config.js';
import type { DebugOption, Purpose } from './events.js';
import { hooksOf } from './hooks.js';
import type { KrakenHooks } from './hooks.js';
import { refuseUnknownClientOptions, refuseUnknownRequestOptions } from './known-options.js';
import type { KrakenRequestOptions } from './pipeline/call.js';
import type { PaginatedDocument } from './pipeline/traffic-types.js';
import { createPauses } from './pauses.js';
import type { Pauses } from './pauses.js';
import { NO_RETRY, retryPolicy } from './retry-options.js';
import type { RetryPolicy } from './retry-options.js';
import { auth } from './steps/auth.js';
import { beforeError } from './steps/before-error.js';
import { classify } from './steps/classify.js';
import { observe } from './steps/observe.js';
import { pause, pauseRecorder } from './steps/pause.js';
import { refresh } from './steps/refresh.js';
import { requestHooks } from './steps/request-hooks.js';
import { retry } from './steps/retry.js';
import { timeout } from './steps/timeout.js';
import { send } from './steps/transport.js';
import { defaultTransport } from './transport.js';
import type { KrakenTransport } from './transport.js';
import type { KrakenClient, KrakenClientOptions } from './types.js';
import { userAgentHeader } from './user-agent.js';

export type { KrakenRequestOptions } from './pipeline/call.js';
export type { KrakenClient, KrakenClientOptions, RequestArgs, SafeResult } from './types.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * The authentication server that goes with an overridden API endpoint: `/graphql/` on its origin (the
 * mock server's layout). Undefined for a string that is not a URL (the client then names `endpoint`).
 */
export function sameOriginAuthEndpoint(endpoint: string): string | undefined {
  try {
    return new URL('/graphql/', endpoint).href;
  } catch {
    return undefined;
  }
}

const bodyPrefixes = new WeakMap<KrakenOperation, string>();

/** The JSON body; the part that depends only on the operation is built once per operation. */
function bodyOf(operation: KrakenOperation, variables: object | undefined): string {
  let prefix = bodyPrefixes.get(operation);
  if (prefix === undefined) {
    prefix = `{"query":${JSON.stringify(operation.text)}${operation.operationName ? `,"operationName":${JSON.stringify(operation.operationName)}` : ''}`;
    bodyPrefixes.set(operation, prefix);
  }
  if (variables === undefined || variables === null) return `${prefix}}`;
  let json: string;
  try {
    json = JSON.stringify(variables);
  } catch (error) {
    throw new TypeError(`${operation.operationName || 'The operation'}: variables cannot be sent as JSON (${error instanceof Error ? error.name : 'error'}).`);
  }
  return `${prefix},"variables":${json}}`;
}

/** The options, checked (bad ones throw a TypeError naming the option) and with defaults applied. */
function settingsOf(options: KrakenClientOptions) {
  if (typeof options !== 'object' || options === null) throw new TypeError('createKrakenClient: options must be an object.');
  refuseUnknownClientOptions(options);
  const insecure = options.allowInsecureHttp === true;
  const api = parseEndpoint('endpoint', options.endpoint, insecure);
  const authAt = options.authEndpoint === undefined ? api : parseEndpoint('authEndpoint', options.authEndpoint, insecure);
  const prefix = options.authorizationPrefix ?? '';
  if (typeof prefix !== 'string' || NOT_HEADER_SAFE.test(prefix)) throw new TypeError(`authorizationPrefix ${HEADER_SAFE_STRING}`);
  const transport: KrakenTransport = options.transport ?? defaultTransport({ fetch: options.fetch });
  if (typeof transport !== 'function') throw new TypeError('transport must be a function.');
  const debug: DebugOption = options.debug;
  if (debug !== undefined && typeof debug !== 'boolean' && typeof debug !== 'function') throw new TypeError('debug must be a boolean or a function.');
  const headers: Readonly<Record<string, string>> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    'accept-encoding': 'gzip, br',
    ...userAgentHeader(options.userAgent),
    ...headerRecord('headers', options.headers),
  };
  if (options.auth !== undefined && 'authorization' in headers) throw new TypeError('headers.authorization and auth cannot be combined: drop one.');
  // Preset by the root's createKrakenClient and by each brand's (root-client.ts, src/generated/<brand>/client.ts).
  const loginOperation = operationOf(options.loginDocument as LoginDocument);
  return {
    api, authAt, prefix, transport, debug, headers, loginOperation,
    timeoutMs: numberInRange('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMER_MS),
    maxResponseBytes: numberInRange('maxResponseBytes', options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES),
    retry: retryPolicy(options.retry),
    now: options.now ?? (() => Date.now()),
    hooks: hooksOf('hooks', options.hooks),
    identity: clientIdentity((loginOperation.endpoint === 'auth' ? authAt : api).url, options.auth),
  };
}
type Settings = ReturnType<typeof settingsOf>;
type Observed = ReturnType<typeof observe>;

/** What one call carries through the chain, all fields present from the start (one shape for every call). */
function callState(
  settings: Settings,
  fields: { operation: KrakenOperation; variables: object | undefined; requestOptions: KrakenRequestOptions | undefined; policy: RetryPolicy; purpose: Purpose; identity: Identity; hooks: KrakenHooks | undefined; baseHeaders: Readonly<Record<string, string>> },
  secrets: Set<string>,
): CallState {
  return newCall({
    ...fields,
    body: bodyOf(fields.operation, fields.variables),
    endpoint: fields.operation.endpoint === 'auth' ? settings.authAt : settings.api,
    secrets,
    now: settings.now,
  });
}

/** The chain of the client's own logins, and the token source that sends them through it. */
function sessionOf(settings: Settings, options: KrakenClientOptions, pauses: Pauses, observed: Observed, secrets: Set<string>): TokenSource {
  const { timeoutMs, now } = settings;
  const login: Next = compose([retry(), pause(pauses, now), requestHooks, observed.attempt, classify(secrets, timeoutMs, now), timeout(timeoutMs)], send(settings.transport, settings.maxResponseBytes));
  const obtainToken = async (input: ObtainTokenInput, signal?: AbortSignal): Promise<ObtainTokenPayload | null | undefined> => {
    const purpose = 'refreshToken' in input ? 'refresh' : 'login';
    const call = callState(settings, { operation: settings.loginOperation, variables: { input }, requestOptions: signal && { signal }, policy: NO_RETRY, purpose, identity: settings.identity, hooks: settings.hooks, baseHeaders: settings.headers }, secrets);
    const { data } = await login(call);
    return (data as { obtainKrakenToken?: ObtainTokenPayload | null } | undefined)?.obtainKrakenToken;
  };
  const { auth: credentials, refreshSkewMs, store, onSession, onWarning } = options;
  return createTokenSource({ auth: credentials, secrets, obtainToken, refreshSkewMs, endpoint: (settings.loginOperation.endpoint === 'auth' ? settings.authAt : settings.api).url, scope: settings.identity.scope, store, onSession, onWarning, now });
}

// Loaded when first used: pagination and rateLimit().
const loadTraffic = onFirstNeed(() => import('./pipeline/traffic.js'));

export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  const settings = settingsOf(options);
  const { timeoutMs, now, debug } = settings;
  // What this client's errors never show: filled by the token source and the classify step (redact.ts).
  const secrets = new Set<string>();
  const pauses = createPauses(options.store, now, settings.identity, options.onWarning, timeoutMs);
  const observed = observe(debug);
  const tokens = sessionOf(settings, options, pauses, observed, secrets);
  const chain: Next = compose(
    [observed.call, beforeError, retry(), refresh(tokens, timeoutMs), pause(pauses, now), requestHooks, observed.attempt, classify(secrets, timeoutMs, now), timeout(timeoutMs), auth(options.auth === undefined ? undefined : tokens, settings.prefix, timeoutMs, settings.loginOperation.operationName)],
    send(settings.transport, settings.maxResponseBytes),
  );
  const identityOf = callIdentities(settings.api.url);
  /** Everything about a call that can be checked before it starts (bad input throws here, synchronously). */
  const callOf = (operation: KrakenOperation, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): CallState => {
    refuseUnknownRequestOptions(requestOptions);
    const own = requestOptions?.headers === undefined ? undefined : headerRecord('request headers', requestOptions.headers);
    const policy = requestOptions?.retry === undefined ? settings.retry : retryPolicy(requestOptions.retry, settings.retry);
    const hooks = hooksOf('request hooks', requestOptions?.hooks, settings.hooks);
    const identity = own?.authorization === undefined ? settings.identity : identityOf(own.authorization);
    return callState(settings, { operation, variables, requestOptions, policy, purpose: 'call', identity, hooks, baseHeaders: own === undefined ? settings.headers : { ...settings.headers, ...own } }, secrets);
  };
  const prepare = (document: AnyDocument, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined): CallState | Promise<CallState> => {
    const found = operationOf(document);
    // A promise only the first time a DocumentNode without source text is printed.
    return found instanceof Promise ? found.then((operation) => callOf(operation, variables, requestOptions)) : callOf(found, variables, requestOptions);
  };
  const execute = async (prepared: CallState | Promise<CallState>): Promise<unknown> => (await chain(await prepared)).data;
  return publicClient(settings, options, tokens, prepare, execute, pauseRecorder(pauses, settings.identity, now));
}

type Prepare = (document: AnyDocument, variables: object | undefined, requestOptions: KrakenRequestOptions | undefined) => CallState | Promise<CallState>;

/** The client as users see it. */
function publicClient(settings: Settings, options: KrakenClientOptions, tokens: TokenSource, prepare: Prepare, execute: (call: CallState | Promise<CallState>) => Promise<unknown>, paused: (untilMs: number) => Promise<void>): KrakenClient {
  const { api, authAt } = settings;
  const publicShape = (): Record<string, unknown> => ({ endpoint: `${api.origin}${api.path}`, authEndpoint: `${authAt.origin}${authAt.path}`, auth: authKindOf(options.auth) });
  const client = {
    request: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) => execute(prepare(document, variables, requestOptions)),
    safeRequest: (document: AnyDocument, variables?: object, requestOptions?: KrakenRequestOptions) =>
      // Invalid documents, variables or options throw here, synchronously; request failures always resolve to { error }.
      execute(prepare(document, variables, requestOptions)).then(
        (data) => ({ data }),
        (error: unknown) => ({
          error: error instanceof KrakenError ? error : new KrakenError({ kind: 'http', message: `The request failed unexpectedly (${error instanceof Error ? error.name : typeof error}).`, cause: error }),
        }),
      ),
    session: () => tokens.info(),
    logout: () => tokens.logout(),
    rateLimit: (requestOptions?: KrakenRequestOptions) => loadTraffic().then((traffic) => traffic.rateLimit(client as unknown as KrakenClient, { paused, now: settings.now }, requestOptions)),
    paginate: (document: PaginatedDocument, variables?: object, paginateOptions?: object) => {
      // The walk's code loads on the first next(); each for-await is a walk of its own.
      async function* walk(pages: boolean): AsyncGenerator<unknown> {
        yield* (await loadTraffic()).paginate(client as unknown as KrakenClient, document, variables, paginateOptions, pages);
      }
      return { [Symbol.asyncIterator]: () => walk(false), pages: () => ({ [Symbol.asyncIterator]: () => walk(true) }) };
    },
    toJSON: publicShape,
    [Symbol.for('nodejs.util.inspect.custom')]: () => ({ KrakenClient: publicShape() }),
  };
  return client as unknown as KrakenClient;
}

export type { Endpoint };
