import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'graphql';
import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient as createCoreClient, isKrakenError, KrakenError, loginWith, operationOf } from '../../src/client/index.js';
import type { KrakenClient } from '../../src/client/index.js';
import {
  CloseOpenPrintBatchDocument,
  createKrakenClient,
  endpoints,
  ObtainKrakenTokenDocument,
  RegenerateSecretKeyDocument,
  UpdateAccountBillingEmailDocument,
} from '../../src/brands/st.js';
import * as oejp from '../../src/brands/oejp.js';
import {
  createKrakenMock,
  DEFAULT_MOCK_CREDENTIALS,
  mockKrakenDelay,
  mockKrakenError,
  mockKrakenHttpError,
  mockKrakenNetworkError,
  mockKrakenRateLimit,
  mockKrakenResult,
} from '../../mocks/index.js';

// The project's st mock Kraken answers everything no test overrides (default credentials, real clock).
// Strict credentials, so a token with a forged signature is refused (KT-CT-1111).
const kraken = createKrakenMock({ brand: 'st', credentials: DEFAULT_MOCK_CREDENTIALS });
const server = setupServer(...kraken.handlers);
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API_URL = endpoints.api;
// An st operation needing Authorization (it documents KT-CT-1112), without variables.
const CallDocument = CloseOpenPrintBatchDocument;
// The same operation, untyped: lets a scenario answer with a code the operation does not document.
const UntypedCallDocument: DocumentTypeDecoration<unknown, never> = CloseOpenPrintBatchDocument;
// Where the mock's errors point: the root field of CallDocument's (minified) text.
const CALL_ERROR_SITE = { locations: [{ line: 1, column: 30 }], path: ['closeOpenPrintBatch'] };

function answer(body: unknown, init?: ResponseInit): void {
  server.use(http.post(API_URL, () => HttpResponse.json(body as Record<string, unknown>, init)));
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

// A token the mock issued (so it accepts it), obtained once; the client under test holds it as a fixed token.
let validToken = '';
let client: KrakenClient;
beforeAll(async () => {
  server.listen({ onUnhandledFrame: 'error' });
  const login = await createKrakenClient().request(ObtainKrakenTokenDocument, { input: { APIKey: DEFAULT_MOCK_CREDENTIALS.apiKeys[0] } });
  validToken = login.obtainKrakenToken?.token ?? '';
  // No retries: each test here observes how one answer is classified.
  client = createKrakenClient({ auth: { token: validToken }, retry: false });
});

describe('classification of Kraken responses', () => {
  it('an expired token (KT-CT-1124) is an auth error keeping the error whole and the partial data', async () => {
    server.use(mockKrakenError(CallDocument, 'KT-CT-1124'));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1124');
    expect(error.codes).toEqual(['KT-CT-1124']);
    expect(error.errors).toEqual([
      {
        message: 'Signature of the JWT has expired.',
        ...CALL_ERROR_SITE,
        extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-1124', errorDescription: '' },
      },
    ]);
    expect(error.data).toEqual({ closeOpenPrintBatch: null });
    expect(error.operationName).toBe('CloseOpenPrintBatch');
    expect(error.status).toBe(200);
    expect(error.message).toContain('Signature of the JWT has expired.');
  });

  it('a validation error keeps validationErrors and every other extension', async () => {
    const extensions = {
      errorType: 'VALIDATION',
      errorDescription: 'Bad input',
      errorClass: 'VALIDATION',
      validationErrors: [{ message: 'Enter a valid email.', inputPath: ['input', 'email'] }],
      boostChargeRefusalReasons: ['BC_DEVICE_NOT_ONBOARDED'],
    };
    server.use(mockKrakenError(UntypedCallDocument, 'KT-CT-1137', { message: 'Invalid input.', extensions }));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('KT-CT-1137');
    expect(error.errors[0]).toEqual({ message: 'Invalid input.', ...CALL_ERROR_SITE, extensions: { errorCode: 'KT-CT-1137', ...extensions } });
    expect(error.data).toEqual({ closeOpenPrintBatch: null });
  });

  it('rate limit (KT-CT-1199) reads Retry-After seconds', async () => {
    server.use(mockKrakenRateLimit(CallDocument, { retryAfterSeconds: 30 }));
    // A client of its own: the rate limit pauses the client that met it (test/traffic/pause.test.ts).
    const error = await failure(createKrakenClient({ auth: { token: validToken }, retry: false }).request(CallDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('rate limit reads a Retry-After HTTP date and, without a header, leaves retryAfterMs undefined', async () => {
    const dated = createKrakenClient({ now: () => Date.parse('2026-01-01T00:00:00Z'), retry: false });
    // The scenario helper sends Retry-After in seconds; an HTTP date needs a one-off answer.
    answer({ errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }], data: null }, {
      headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:10 GMT' },
    });
    expect((await failure(dated.request(CallDocument))).retryAfterMs).toBe(10_000);
    server.resetHandlers();
    server.use(mockKrakenError(CallDocument, 'KT-CT-1199'));
    // Another client: `dated` is paused by the 10 s it was told.
    const error = await failure(createKrakenClient({ retry: false }).request(CallDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('HTTP 429 without a GraphQL body is a rate-limit error with Retry-After', async () => {
    // One-off: the scenario helpers send either a GraphQL body (mockKrakenRateLimit) or no Retry-After (mockKrakenHttpError).
    server.use(http.post(API_URL, () => HttpResponse.text('Too Many Requests', { status: 429, headers: { 'Retry-After': '5' } })));
    const error = await failure(createKrakenClient({ auth: { token: validToken }, retry: false }).request(CallDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(5000);
  });

  it('unauthorised (KT-CT-1111) is an auth error', async () => {
    // A token the mock did not issue: same claims, another signature.
    const forged = `${validToken.slice(0, validToken.lastIndexOf('.'))}.Zm9yZ2Vk`;
    const error = await failure(createKrakenClient({ auth: { token: forged } }).request(CallDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1111');
    expect(kraken.state.requests.at(-1)?.errorCodes).toEqual(['KT-CT-1111']);
  });

  it('partial data with errors rejects with the partial data; safeRequest resolves to { error }', async () => {
    // One-off: the scenario helpers answer either data or an error, never both.
    const body = {
      data: { closeOpenPrintBatch: { possibleErrors: null, printBatch: null }, account: null },
      errors: [{ message: 'Not found.', path: ['account'], extensions: { errorCode: 'KT-CT-4123' } }],
    };
    answer(body);
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('graphql');
    expect(error.data).toEqual(body.data);
    answer(body);
    const result = await client.safeRequest(CallDocument);
    expect(result.error?.code).toBe('KT-CT-4123');
    expect(result.data).toBeUndefined();
  });

  it('symbolic codes are read as they are', async () => {
    server.use(mockKrakenError(UntypedCallDocument, 'KT_CT_10001_PARTY_ALREADY_UNDER_CONTRACT', { message: 'Already under contract.' }));
    const error = await failure(client.request(CallDocument));
    expect(error.code).toBe('KT_CT_10001_PARTY_ALREADY_UNDER_CONTRACT');
    expect(error.kind).toBe('graphql');
  });

  it('HTTP 400 with a GraphQL errors body is read as GraphQL', async () => {
    // The mock validates every document against st's schema and answers 400 for an unknown field.
    const invalid = parse('mutation Nope { nope }') as TypedDocumentNode<unknown, Record<string, never>>;
    const error = await failure(client.request(invalid));
    expect(error.kind).toBe('graphql');
    expect(error.status).toBe(400);
    expect(error.code).toBeUndefined();
    expect(error.errors[0]?.message).toContain('nope');
  });

  it('a 502 HTML page is an http error with the status and a truncated body', async () => {
    const html = `<html><body>${'Bad gateway '.repeat(100)}</body></html>`;
    server.use(mockKrakenHttpError(CallDocument, { status: 502, body: html }));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.body).toBe(html.slice(0, 500));
    expect(error.errors).toEqual([]);
  });

  // One-offs below: bodies labelled application/json that are not GraphQL (the scenario helpers label those text/plain).
  it('malformed JSON with status 200 is an http error', async () => {
    server.use(http.post(API_URL, () => new HttpResponse('{"data": {', { status: 200, headers: { 'Content-Type': 'application/json' } })));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.body).toBe('{"data": {');
  });

  it('a 500 with JSON that is not GraphQL is an http error', async () => {
    answer({ detail: 'Internal error' }, { status: 500 });
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.body).toContain('Internal error');
  });

  it('a 200 JSON body with neither data nor errors is an http error', async () => {
    answer({});
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('http');
  });

  it('a network failure is a network error with reason connection', async () => {
    server.use(mockKrakenNetworkError(CallDocument));
    const error = await failure(client.request(CallDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
  });

  // Far longer than the client's timeout or abort; the mock Kraken would answer afterwards.
  const SLOW_MS = 5_000;

  it('a timeout is a network error with reason timeout', async () => {
    server.use(mockKrakenDelay(CallDocument, SLOW_MS));
    const quick = createKrakenClient({ timeoutMs: 20, retry: false });
    const error = await failure(quick.request(CallDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
  });

  it('an abort (before or during the request) is a network error with reason abort', async () => {
    server.use(mockKrakenDelay(CallDocument, SLOW_MS));
    const controller = new AbortController();
    const pending = client.request(CallDocument, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const during = await failure(pending);
    expect(during.kind).toBe('network');
    expect(during.reason).toBe('abort');
    const before = await failure(client.request(CallDocument, {}, { signal: AbortSignal.abort() }));
    expect(before.reason).toBe('abort');
  });
});

/** Records what reaches `url` and lets the mock Kraken answer (msw moves on when a handler returns nothing). */
function observe(url: string): Array<{ body: unknown; headers: Headers }> {
  const seen: Array<{ body: unknown; headers: Headers }> = [];
  server.use(
    http.post(url, async ({ request }) => {
      seen.push({ body: await request.clone().json(), headers: request.headers });
      return undefined;
    }),
  );
  return seen;
}

describe('requests', () => {
  it('sends the precomputed text, the operation name, variables and headers to the endpoint', async () => {
    const received = observe(API_URL);
    const custom = createKrakenClient({ headers: { 'X-Client': 'sdk' }, auth: { token: validToken }, authorizationPrefix: 'JWT ' });
    const variables = { input: { accountNumber: 'A-1', billingEmail: 'billing@example.com' } };
    const data = await custom.request(UpdateAccountBillingEmailDocument, variables, { headers: { 'X-Request': 'r1' } });
    // The mock accepted `JWT <token>` and answered the operation.
    expect(data).toMatchObject({ updateAccountBillingEmail: { account: { __typename: 'AccountType' } } });
    expect(received[0]?.body).toEqual({ query: UpdateAccountBillingEmailDocument.kraken.text, variables, operationName: 'UpdateAccountBillingEmail' });
    expect(received[0]?.headers.get('x-client')).toBe('sdk');
    expect(received[0]?.headers.get('x-request')).toBe('r1');
    expect(received[0]?.headers.get('authorization')).toBe(`JWT ${validToken}`);
  });

  it('routes documents served by the authentication server to authEndpoint', async () => {
    // oejp has an authentication server; its mock refuses an operation sent to the wrong one.
    // Its MFA mutations need a token; the default oejp mock accepts any well-formed one.
    const oejpKraken = createKrakenMock({ brand: 'oejp' });
    server.use(...oejpKraken.handlers);
    const routed = createCoreClient({ endpoint: oejp.endpoints.api, authEndpoint: oejp.endpoints.auth, auth: { token: validToken } });
    await routed.request(oejp.CreateMfaDeviceDocument, { input: { deviceType: 'TOTP' } });
    await routed.request(oejp.RegenerateSecretKeyDocument);
    expect(oejpKraken.state.requests.map((request) => [request.endpoint, request.operationName, request.status])).toEqual([
      ['auth', 'CreateMfaDevice', 200],
      ['api', 'RegenerateSecretKey', 200],
    ]);
  });

  it('a client without auth sends no Authorization header', async () => {
    const received = observe(API_URL);
    const anonymous = createKrakenClient();
    // RegenerateSecretKey documents no KT-CT-1112: the mock answers it without Authorization.
    expect(await anonymous.request(RegenerateSecretKeyDocument)).toMatchObject({ regenerateSecretKey: { key: expect.any(String) } });
    expect(received[0]?.headers.get('authorization')).toBeNull();
    expect(kraken.state.requests.at(-1)?.hadAuthorization).toBe(false);
  });

  it('uses the injected fetch', async () => {
    const fetch = vi.fn(async () => Response.json({ data: { regenerateSecretKey: { key: 'x', viewer: null } } }));
    const injected = createKrakenClient({ fetch });
    expect(await injected.request(RegenerateSecretKeyDocument)).toEqual({ regenerateSecretKey: { key: 'x', viewer: null } });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('accepts a plain TypedDocumentNode, printing it once', async () => {
    const plain = parse('mutation Plain { regenerateSecretKey { key } }') as TypedDocumentNode<{ regenerateSecretKey: { key: string } | null }, Record<string, never>>;
    const received = observe(API_URL);
    expect(await client.request(plain)).toEqual({ regenerateSecretKey: { key: expect.stringMatching(/^key-/) } });
    const body = received[0]?.body as { query?: string; operationName?: string } | undefined;
    expect(body?.operationName).toBe('Plain');
    expect(body?.query).toContain('mutation Plain');
    expect(kraken.state.requests.at(-1)?.operationName).toBe('Plain');
    expect(operationOf(plain)).toBe(operationOf(plain));
  });

  it('rejects a non-document synchronously with a clear TypeError', () => {
    expect(() => client.safeRequest({} as TypedDocumentNode<unknown, Record<string, never>>)).toThrow(TypeError);
  });

  it('safeRequest resolves to { data } on success', async () => {
    const data = { closeOpenPrintBatch: { possibleErrors: null, printBatch: { __typename: 'PrintBatchType' as const } } };
    server.use(mockKrakenResult(CallDocument, data));
    expect(await client.safeRequest(CallDocument)).toEqual({ data });
  });

  it('rejects bad options clearly', () => {
    expect(() => createCoreClient({})).toThrow(/endpoint/);
    expect(() => createCoreClient({ endpoint: 'not a url' })).toThrow(/endpoint/);
    expect(() => loginWith({ email: 'a@b.c' } as never)).toThrow('loginWith: credentials.password must be a non-empty string.');
    expect(() => loginWith({} as never)).toThrow(/exactly one/);
    expect(() => createCoreClient({ endpoint: API_URL, auth: {} as never })).toThrow('auth must be loginWith(credentials), { token } or { getToken }; got fields none.');
    // Credentials given as they were before loginWith: named by their fields, never their values.
    expect(() => createCoreClient({ endpoint: API_URL, auth: { email: 'a@b.c', password: 'hunter2-secret' } as never })).toThrow(
      'auth must be loginWith(credentials), { token } or { getToken }; got fields email, password.',
    );
  });

  it('isKrakenError narrows only errors of that operation', async () => {
    server.use(mockKrakenError(CallDocument, 'KT-CT-9010'));
    const error: unknown = await client.request(CallDocument).catch((reason: unknown) => reason);
    expect(isKrakenError(error)).toBe(true);
    expect(isKrakenError(error, CallDocument)).toBe(true);
    expect(isKrakenError(error, RegenerateSecretKeyDocument)).toBe(false);
    expect(isKrakenError(new Error('x'))).toBe(false);
  });
});
