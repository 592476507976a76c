// Issue 9 (defect 10, bad-port follow-up): what a network error's message says about whether the
// request was sent must agree with `mayHaveReachedServer`, for every network fault, at both stages.
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import type { KrakenClientOptions, KrakenError } from 'kraken-sdk';
import { closedPortUrl, json, serve } from './http-server.js';
import { failure } from './failure.js';
import { SECRET_FIXTURES } from '../support/secrets.js';
import { loginWith } from 'kraken-sdk';

const PingDocument = parse('mutation Ping { ping }') as TypedDocumentNode<{ ping: boolean }, Record<string, never>>;
const LOGIN = { email: 'reach@example.com', password: SECRET_FIXTURES.reachPassword };
/** Node's fetch refuses port 1 (a Fetch-standard "bad port") before opening any connection. */
const BAD_PORT_URL = 'http://127.0.0.1:1/graphql/';

function clientFor(url: string, extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({ endpoint: url, retry: false, timeoutMs: 10_000, ...extra } as KrakenClientOptions);
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What the message claims about the call's own request (named after the call's operation, so a
 * login's own wording inside a login-stage error is not read as a claim about the call).
 */
export function reachClaims(error: KrakenError): { mayHaveReceived: boolean; notSent: boolean } {
  const own = escape(error.operationName ? `the ${error.operationName} request` : 'the request');
  return {
    mayHaveReceived: new RegExp(`may have received ${own}`).test(error.message),
    notSent: new RegExp(`${own}(?: to \\S+)? was not sent`).test(error.message),
  };
}

/** Fields and message agree: the message makes exactly the claim the field makes. */
function expectAgreement(error: KrakenError): void {
  const { mayHaveReceived, notSent } = reachClaims(error);
  expect({ message: error.message, mayHaveReceived, notSent }).toEqual({
    message: error.message,
    mayHaveReceived: error.mayHaveReachedServer,
    notSent: !error.mayHaveReachedServer,
  });
}

/** Each network fault the tests produce, at the request stage (no auth) and the login stage (auth). */
const faults: ReadonlyArray<[string, () => Promise<KrakenError>]> = [
  ['bad port', () => failure(clientFor(BAD_PORT_URL).request(PingDocument))],
  ['bad port, at login', () => failure(clientFor(BAD_PORT_URL, { auth: loginWith(LOGIN) }).request(PingDocument))],
  ['connection refused', async () => failure(clientFor(await closedPortUrl()).request(PingDocument))],
  ['connection refused, at login', async () => failure(clientFor(await closedPortUrl(), { auth: loginWith(LOGIN) }).request(PingDocument))],
  [
    'name not resolved (injected)',
    () =>
      failure(
        clientFor('https://api.example.test/v1/graphql/', {
          fetch: () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) })),
        }).request(PingDocument),
      ),
  ],
  ['reset after the request was read', async () => failure(clientFor((await serve((_r, _s, socket) => void socket.resetAndDestroy())).url).request(PingDocument))],
  [
    'reset after the login was read',
    async () => failure(clientFor((await serve((_r, _s, socket) => void socket.resetAndDestroy())).url, { auth: loginWith(LOGIN) }).request(PingDocument)),
  ],
  ['timeout', async () => failure(clientFor((await serve(() => undefined)).url, { timeoutMs: 50 }).request(PingDocument))],
  ['timeout while logging in', async () => failure(clientFor((await serve(() => undefined)).url, { timeoutMs: 50, auth: loginWith(LOGIN) }).request(PingDocument))],
  [
    'already aborted',
    async () => failure(clientFor((await serve((_r, response) => json(response, { data: { ping: true } }))).url).request(PingDocument, {}, { signal: AbortSignal.abort() })),
  ],
  [
    'already aborted, with auth',
    async () =>
      failure(
        clientFor((await serve((_r, response) => json(response, { data: { ping: true } }))).url, { auth: loginWith(LOGIN) }).request(PingDocument, {}, { signal: AbortSignal.abort() }),
      ),
  ],
  [
    'aborted while waiting for the server',
    async () => {
      const controller = new AbortController();
      const server = await serve(() => void controller.abort());
      return failure(clientFor(server.url).request(PingDocument, {}, { signal: controller.signal }));
    },
  ],
  [
    'aborted while waiting to retry a refused connection',
    async () => {
      const controller = new AbortController();
      const url = await closedPortUrl();
      const client = clientFor(url, { retry: { retries: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
      const pending = failure(client.request(PingDocument, {}, { signal: controller.signal }));
      setTimeout(() => controller.abort(), 100);
      return pending;
    },
  ],
];

describe('a network error says what its mayHaveReachedServer says', () => {
  it.each(faults)('%s', async (_name, produce) => {
    const error = await produce();
    expect(error.kind).toBe('network');
    expectAgreement(error);
  });

  it('the checker reads both claims, and only about the call’s own request', () => {
    const base = { operationName: 'Ping', mayHaveReachedServer: true } as KrakenError;
    expect(reachClaims({ ...base, message: 'Ping: x failed; the server may have received the Ping request.' } as KrakenError)).toEqual({ mayHaveReceived: true, notSent: false });
    expect(reachClaims({ ...base, message: 'Ping: the Ping request to http://h:1 was not sent: y.' } as KrakenError)).toEqual({ mayHaveReceived: false, notSent: true });
    expect(reachClaims({ ...base, message: 'Ping: …; the server may have received the ObtainKrakenToken request.' } as KrakenError)).toEqual({
      mayHaveReceived: false,
      notSent: false,
    });
  });
});

describe('a port the platform refuses ("bad port")', () => {
  it('is never sent: the message names the origin and says the platform refused the port before sending', async () => {
    const error = await failure(clientFor(BAD_PORT_URL).request(PingDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.origin).toBe('http://127.0.0.1:1');
    expect(error.systemCode).toBe('BAD_PORT');
    expect(error.message).toContain('http://127.0.0.1:1');
    expect(error.message).toMatch(/request to http:\/\/127\.0\.0\.1:1 was not sent: port 1 is refused by the platform/);
    expect(error.message).not.toContain('may have received');
  });

  it('is not retried: it cannot succeed (one attempt, even with retries on)', async () => {
    const error = await failure(createKrakenClient({ endpoint: BAD_PORT_URL, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } }).request(PingDocument));
    expect(error.systemCode).toBe('BAD_PORT');
    expect(error.attempts).toBe(1);
  });

  it('at login, the call’s error and the login’s own error both say never sent', async () => {
    const error = await failure(clientFor(BAD_PORT_URL, { auth: loginWith(LOGIN) }).request(PingDocument));
    expect(error.stage).toBe('login');
    expect(error.mayHaveReachedServer).toBe(false);
    expect(error.message).not.toContain('may have received');
    const login = error.cause as KrakenError;
    expect(login.mayHaveReachedServer).toBe(false);
    expect(login.systemCode).toBe('BAD_PORT');
  });
});
