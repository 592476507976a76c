// Done criterion 2: every scenario helper, observed only through the SDK client an application uses.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { parse } from 'graphql';
import type { CommonErrorCode, LoginErrorCode, OtherErrorCode, TypedDocumentNode } from 'kraken-sdk';
import { createKrakenClient, isKrakenError, KrakenError, loginWith } from 'kraken-sdk';
import {
  createKrakenMock,
  DEFAULT_MOCK_CREDENTIALS,
  mockKrakenBadGateway,
  mockKrakenDelay,
  mockKrakenError,
  mockKrakenHttpError,
  mockKrakenNetworkError,
  mockKrakenRateLimit,
  mockKrakenResult,
} from 'kraken-sdk/mocks';
import * as st from 'kraken-sdk/st';
import { errorMessages as stErrorMessages } from 'kraken-sdk/st/error-messages';
import { errorMessages as oejpErrorMessages } from 'kraken-sdk/oejp/error-messages';
import * as oejp from 'kraken-sdk/oejp';

const [defaultUser] = DEFAULT_MOCK_CREDENTIALS.users;
if (!defaultUser) throw new Error('The mock documents a default user.');
const auth = loginWith({ email: defaultUser.email, password: defaultUser.password });

const stMock = createKrakenMock({ brand: 'st' });
const oejpMock = createKrakenMock({ brand: 'oejp' });
const server = setupServer(...stMock.handlers, ...oejpMock.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  server.resetHandlers();
  stMock.state.reset();
  oejpMock.state.reset();
});
afterAll(() => server.close());

const quote = { input: { quoteId: 'q-123' } };

/** Runs the call and returns the KrakenError it rejected with (fails the test if it resolved). */
async function rejection(call: Promise<unknown>): Promise<KrakenError> {
  const outcome = await call.then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`Expected a rejection, got ${JSON.stringify(outcome.data)}`);
  expect(outcome.error).toBeInstanceOf(KrakenError);
  return outcome.error as KrakenError;
}

describe('mockKrakenResult', () => {
  it('returns exactly the typed data', async () => {
    const data: st.AcceptGoodsQuoteMutation = {
      acceptGoodsQuote: { possibleErrors: [], goodsPurchase: { __typename: 'GoodsPurchase' } },
    };
    server.use(mockKrakenResult(st.AcceptGoodsQuoteDocument, data));
    const client = st.createKrakenClient({ auth });
    await expect(client.request(st.AcceptGoodsQuoteDocument, quote)).resolves.toEqual(data);
    // Overrides still sit behind the client's normal login against the default handlers.
    expect(stMock.state.obtainKrakenTokenCalls).toBe(1);
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(0);
  });

  it('answers an oejp authentication-server operation on the auth endpoint', async () => {
    const data: oejp.CreateMfaDeviceMutation = {
      createMfaDevice: { deviceEmail: 'mfa@example.com', devicePhone: null, totpSecret: null, possibleErrors: null },
    };
    server.use(mockKrakenResult(oejp.CreateMfaDeviceDocument, data, { endpoint: oejp.endpoints.auth }));
    const client = oejp.createKrakenClient({ auth });
    await expect(client.request(oejp.CreateMfaDeviceDocument, { input: {} })).resolves.toEqual(data);
  });

  it('with once: answers one request, then the default mock answers again', async () => {
    const data: st.AcceptGoodsQuoteMutation = { acceptGoodsQuote: null };
    server.use(mockKrakenResult(st.AcceptGoodsQuoteDocument, data, { once: true }));
    const client = st.createKrakenClient({ auth });
    await expect(client.request(st.AcceptGoodsQuoteDocument, quote)).resolves.toEqual(data);
    const second = await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(second.acceptGoodsQuote).not.toBeNull();
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(1);
  });

  it('with endpoint: leaves requests to other URLs alone', async () => {
    server.use(mockKrakenResult(st.AcceptGoodsQuoteDocument, { acceptGoodsQuote: null }, { endpoint: 'https://elsewhere.example/graphql/' }));
    const client = st.createKrakenClient({ auth });
    const data = await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(data.acceptGoodsQuote).not.toBeNull();
  });
});

describe('mockKrakenError', () => {
  it('gives a graphql KrakenError with the typed code, documented message and Kraken extensions', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8201'));
    const client = st.createKrakenClient({ auth });
    const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    const error = result.error;
    if (!error) throw new Error('expected an error');
    const code: st.AcceptGoodsQuoteErrorCode | CommonErrorCode | LoginErrorCode | OtherErrorCode | undefined = error.code;
    expect(code).toBe('KT-CT-8201');
    expect(error.kind).toBe('graphql');
    expect(error.codes).toEqual(['KT-CT-8201']);
    expect(error.operationName).toBe('AcceptGoodsQuote');
    const documented = stErrorMessages['KT-CT-8201'][0];
    expect(documented).toBe('Received an invalid quoteId.');
    expect(error.message).toContain(documented);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({
      message: documented,
      path: ['acceptGoodsQuote'],
      extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-8201', errorDescription: documented },
    });
    expect(error.data).toEqual({ acceptGoodsQuote: null });
  });

  it('keeps extra extensions and a custom message, and narrows with isKrakenError', async () => {
    const validationErrors = [{ message: 'Not a quote id.', inputPath: ['input', 'quoteId'] }];
    server.use(
      mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8224', {
        message: 'Quote q-123 is malformed.',
        extensions: { validationErrors, errorClass: 'VALIDATION', quoteId: 'q-123' },
      }),
    );
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(isKrakenError(error, st.AcceptGoodsQuoteDocument)).toBe(true);
    expect(error.code).toBe('KT-CT-8224');
    expect(error.errors[0]?.message).toBe('Quote q-123 is malformed.');
    expect(error.errors[0]?.extensions).toEqual({
      errorType: 'APPLICATION',
      errorCode: 'KT-CT-8224',
      errorDescription: 'Quote q-123 is malformed.',
      errorClass: 'VALIDATION',
      validationErrors,
      quoteId: 'q-123',
    });
  });

  it('gives an auth KrakenError for an authentication code', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1111'));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1111');
    expect(error.errors[0]?.message).toBe(stErrorMessages['KT-CT-1111'][0]);
  });

  it('gives the documented message of an oejp operation, on its authentication server', async () => {
    server.use(mockKrakenError(oejp.CreateMfaDeviceDocument, 'KT-CT-1153'));
    const client = oejp.createKrakenClient({ auth });
    const error = await rejection(client.request(oejp.CreateMfaDeviceDocument, { input: {} }));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('KT-CT-1153');
    expect(error.errors[0]?.message).toBe(oejpErrorMessages['KT-CT-1153'][0]);
    expect(error.errors[0]?.path).toEqual(['createMfaDevice']);
  });

  it('can refuse the login itself, which the client reports as auth and does not retry', async () => {
    server.use(mockKrakenError(st.ObtainKrakenTokenDocument, 'KT-CT-1135'));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1135');
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(0);
  });
});

describe('mockKrakenRateLimit', () => {
  it('gives a rate-limit KrakenError with retryAfterMs from Retry-After', async () => {
    server.use(mockKrakenRateLimit(st.AcceptGoodsQuoteDocument, { retryAfterSeconds: 7 }));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('rate-limit');
    expect(error.code).toBe('KT-CT-1199');
    expect(error.retryAfterMs).toBe(7000);
    expect(error.errors[0]?.message).toBe('Too many requests.');
  });

  it('defaults to 60 s, and stays rate-limit with an HTTP 429 status', async () => {
    server.use(mockKrakenRateLimit(st.AcceptGoodsQuoteDocument, { status: 429 }));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('rate-limit');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(60_000);
  });
});

describe('HTTP and network failures', () => {
  it('mockKrakenHttpError: an http KrakenError with status 500 and the body', async () => {
    server.use(mockKrakenHttpError(st.AcceptGoodsQuoteDocument));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.body).toBe('Internal Server Error');
    expect(error.code).toBeUndefined();
  });

  it('mockKrakenHttpError with a long body: the error keeps its first 500 characters', async () => {
    const body = `Service Unavailable ${'x'.repeat(2000)}`;
    server.use(mockKrakenHttpError(st.AcceptGoodsQuoteDocument, { status: 503, body }));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.status).toBe(503);
    expect(error.body).toBe(body.slice(0, 500));
  });

  it('mockKrakenBadGateway: an http KrakenError with status 502 and the HTML body', async () => {
    server.use(mockKrakenBadGateway(st.AcceptGoodsQuoteDocument));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.body?.startsWith('<html>')).toBe(true);
    expect(error.body).toContain('502 Bad Gateway');
    expect(error.body?.length).toBeLessThanOrEqual(500);
  });

  it('mockKrakenNetworkError: a network KrakenError (connection)', async () => {
    server.use(mockKrakenNetworkError(st.AcceptGoodsQuoteDocument));
    const client = st.createKrakenClient({ auth });
    const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(result.error?.kind).toBe('network');
    expect(result.error?.reason).toBe('connection');
  });

  it('mockKrakenDelay longer than the client timeout: a network KrakenError (timeout)', async () => {
    server.use(mockKrakenDelay(st.AcceptGoodsQuoteDocument, 5_000));
    const client = st.createKrakenClient({ auth, timeoutMs: 50 });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
  });

  it('mockKrakenDelay then lets the next handler answer', async () => {
    server.use(mockKrakenDelay(st.AcceptGoodsQuoteDocument, 5));
    const client = st.createKrakenClient({ auth });
    const data = await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(data.acceptGoodsQuote).not.toBeNull();
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(1);
  });

  it('mockKrakenDelay rejects a negative delay with a RangeError naming ms', () => {
    expect(() => mockKrakenDelay(st.AcceptGoodsQuoteDocument, -1)).toThrow(/ms must be a non-negative number/);
  });
});

describe('your own documents (hand-written TypedDocumentNodes) with the core client', () => {
  type Ping = TypedDocumentNode<{ __typename: string }, Record<string, never>>;
  const ping = parse('query Ping { __typename }') as Ping;
  type Accepted = TypedDocumentNode<{ accepted: { __typename: string } | null }, { input: Record<string, unknown> }>;
  const accepted = parse('mutation MyAccept($input: AcceptGoodsQuoteInput!) { accepted: acceptGoodsQuote(input: $input) { __typename } }') as Accepted;
  const core = () => createKrakenClient({ endpoint: st.endpoints.api, auth, loginDocument: st.ObtainKrakenTokenDocument });

  it('the default handlers answer any other query, and mockKrakenResult overrides it', async () => {
    const client = core();
    await expect(client.request(ping)).resolves.toEqual({ __typename: 'Query' });
    server.use(mockKrakenResult(ping, { __typename: 'Pong' }));
    await expect(client.request(ping)).resolves.toEqual({ __typename: 'Pong' });
  });

  it('an aliased root field is answered under its alias, errors included', async () => {
    const client = core();
    const data = await client.request(accepted, quote);
    expect(data.accepted?.__typename).toBe('AcceptGoodsQuote');
    server.use(mockKrakenError(accepted, 'KT-CT-8201'));
    const error = await rejection(client.request(accepted, quote));
    expect(error.code).toBe('KT-CT-8201');
    expect(error.errors[0]?.path).toEqual(['accepted']);
    expect(error.data).toEqual({ accepted: null });
  });
});

describe('composition with server.use() and server.resetHandlers()', () => {
  it('a one-off KT-CT-1124 is absorbed by the client: one refresh, the request sent again', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1124', { once: true }));
    const client = st.createKrakenClient({ auth });
    const data = await client.request(st.AcceptGoodsQuoteDocument, quote);
    expect(data.acceptGoodsQuote).not.toBeNull();
    expect(stMock.state.obtainKrakenTokenCalls).toBe(2);
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(1);
  });

  it('a persistent KT-CT-1124 surfaces as an auth error after one retry', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1124'));
    const client = st.createKrakenClient({ auth });
    const error = await rejection(client.request(st.AcceptGoodsQuoteDocument, quote));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1124');
    expect(stMock.state.obtainKrakenTokenCalls).toBe(2);
  });

  it('the latest override wins, a delay composes with a result, and overrides only touch their operation', async () => {
    const data: st.AcceptGoodsQuoteMutation = { acceptGoodsQuote: { possibleErrors: null, goodsPurchase: null } };
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8201'));
    server.use(mockKrakenResult(st.AcceptGoodsQuoteDocument, data), mockKrakenDelay(st.AcceptGoodsQuoteDocument, 5));
    const client = st.createKrakenClient({ auth });
    await expect(client.request(st.AcceptGoodsQuoteDocument, quote)).resolves.toEqual(data);
    const other = await client.request(st.AcceptOfferForQuotingDocument, { input: {} });
    expect(other.acceptOfferForQuoting).not.toBeNull();
    expect(stMock.state.countOf('AcceptOfferForQuoting')).toBe(1);
  });

  it('a once override falls back to the previous override, not only to the default', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8201'));
    server.use(mockKrakenRateLimit(st.AcceptGoodsQuoteDocument, { once: true, retryAfterSeconds: 1 }));
    const client = st.createKrakenClient({ auth, retry: false });
    expect((await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error?.kind).toBe('rate-limit');
    // Another client: the rate limit paused `client` for its 1 s (issue 20).
    const other = st.createKrakenClient({ auth, retry: false });
    expect((await other.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error?.code).toBe('KT-CT-8201');
  });

  it('resetHandlers() restores the default answers', async () => {
    server.use(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8201'), mockKrakenNetworkError(st.AcceptOfferForQuotingDocument));
    const client = st.createKrakenClient({ auth });
    expect((await client.safeRequest(st.AcceptGoodsQuoteDocument, quote)).error?.code).toBe('KT-CT-8201');
    server.resetHandlers();
    const restored = await client.safeRequest(st.AcceptGoodsQuoteDocument, quote);
    expect(restored.error).toBeUndefined();
    expect(restored.data?.acceptGoodsQuote).not.toBeNull();
    expect((await client.safeRequest(st.AcceptOfferForQuotingDocument, { input: {} })).error).toBeUndefined();
    expect(stMock.state.countOf('AcceptGoodsQuote')).toBe(1);
  });
});
