// Records what a client sends and receives, through the client's own `fetch` option. The mock Kraken's
// state deliberately keeps no secrets (no headers, no variables); these tests need to see which token,
// which credentials and which login document went over the wire.
import type { FetchFunction } from '../../src/client/index.js';

export interface Exchange {
  readonly url: string;
  readonly operationName: string | undefined;
  readonly query: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  /** The Authorization header sent, or null without one. */
  readonly authorization: string | null;
  /** The parsed JSON response, or undefined when there was none (network failure, non-JSON body). */
  readonly response: unknown;
}

/** What obtainKrakenToken handed out, read from a login response. */
export interface IssuedSession {
  readonly token: string;
  readonly refreshToken: string;
}

export interface Traffic {
  /** Pass as the client's `fetch`: sends through `globalThis.fetch` (msw intercepts) and records the exchange. */
  readonly fetch: FetchFunction;
  readonly exchanges: readonly Exchange[];
  /** obtainKrakenToken inputs, in order. */
  logins(): Array<Record<string, unknown>>;
  /** Every exchange but the logins. */
  apiCalls(): Exchange[];
  /** Tokens and refresh tokens from successful logins and refreshes, in order. */
  issued(): IssuedSession[];
}

const LOGIN_OPERATION = 'ObtainKrakenToken';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function issuedBy(response: unknown): IssuedSession | undefined {
  const data = isRecord(response) ? response.data : undefined;
  const payload = isRecord(data) ? data.obtainKrakenToken : undefined;
  if (!isRecord(payload) || typeof payload.token !== 'string' || typeof payload.refreshToken !== 'string') return undefined;
  return { token: payload.token, refreshToken: payload.refreshToken };
}

export function recordTraffic(): Traffic {
  const exchanges: Exchange[] = [];

  const fetch: FetchFunction = async (input, init) => {
    const body = parseJson(typeof init?.body === 'string' ? init.body : '');
    const sent = isRecord(body) ? body : {};
    const exchange = {
      url: input instanceof Request ? input.url : String(input),
      operationName: typeof sent.operationName === 'string' ? sent.operationName : undefined,
      query: typeof sent.query === 'string' ? sent.query : undefined,
      variables: isRecord(sent.variables) ? sent.variables : undefined,
      authorization: new Headers(init?.headers).get('authorization'),
      response: undefined as unknown,
    };
    exchanges.push(exchange);
    const response = await globalThis.fetch(input, init);
    exchange.response = parseJson(await response.clone().text());
    return response;
  };

  const isLogin = (exchange: Exchange): boolean => exchange.operationName === LOGIN_OPERATION;

  return {
    fetch,
    exchanges,
    logins: () => exchanges.filter(isLogin).map((exchange) => (isRecord(exchange.variables?.input) ? exchange.variables.input : {})),
    apiCalls: () => exchanges.filter((exchange) => !isLogin(exchange)),
    issued: () => exchanges.filter(isLogin).flatMap((exchange) => issuedBy(exchange.response) ?? []),
  };
}
