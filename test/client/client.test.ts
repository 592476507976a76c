import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, isKrakenError, KrakenError, operationOf } from '../../src/client/index.js';
import { API_URL, AUTH_URL, makeJwt } from '../session/mock-kraken.js';
import { documentOf, ViewerDocument } from '../session/documents.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const validToken = makeJwt({ exp: Math.floor(Date.now() / 1000) + 3600 });

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

const client = createKrakenClient({ endpoint: API_URL, authEndpoint: AUTH_URL, auth: { token: validToken } });

describe('classification of Kraken responses', () => {
  it('an expired token (KT-CT-1124) is an auth error keeping the error whole and the partial data', async () => {
    const expired = {
      errors: [
        {
          message: 'Signature of the JWT has expired.',
          locations: [{ line: 3, column: 37 }],
          path: ['account'],
          extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-1124', errorDescription: '' },
        },
      ],
      data: { account: null },
    };
    answer(expired);
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1124');
    expect(error.codes).toEqual(['KT-CT-1124']);
    expect(error.errors).toEqual(expired.errors);
    expect(error.data).toEqual({ account: null });
    expect(error.operationName).toBe('Viewer');
    expect(error.status).toBe(200);
    expect(error.message).toContain('Signature of the JWT has expired.');
  });

  it('a validation error keeps validationErrors and every other extension', async () => {
    const validation = {
      message: 'Invalid input.',
      path: ['updateUser'],
      extensions: {
        errorType: 'VALIDATION',
        errorCode: 'KT-CT-1137',
        errorDescription: 'Bad input',
        errorClass: 'VALIDATION',
        validationErrors: [{ message: 'Enter a valid email.', inputPath: ['input', 'email'] }],
        boostChargeRefusalReasons: ['BC_DEVICE_NOT_ONBOARDED'],
      },
    };
    answer({ errors: [validation], data: null });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('KT-CT-1137');
    expect(error.errors[0]).toEqual(validation);
    expect(error.data).toBeNull();
  });

  it('rate limit (KT-CT-1199) reads Retry-After seconds', async () => {
    answer({ errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }], data: null }, { headers: { 'Retry-After': '30' } });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBe(30_000);
  });

  it('rate limit reads a Retry-After HTTP date and, without a header, leaves retryAfterMs undefined', async () => {
    const dated = createKrakenClient({ endpoint: API_URL, now: () => Date.parse('2026-01-01T00:00:00Z') });
    answer({ errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }], data: null }, {
      headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:10 GMT' },
    });
    expect((await failure(dated.request(ViewerDocument))).retryAfterMs).toBe(10_000);
    answer({ errors: [{ message: 'Too many requests.', extensions: { errorCode: 'KT-CT-1199' } }], data: null });
    const error = await failure(dated.request(ViewerDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('HTTP 429 without a GraphQL body is a rate-limit error with Retry-After', async () => {
    server.use(http.post(API_URL, () => HttpResponse.text('Too Many Requests', { status: 429, headers: { 'Retry-After': '5' } })));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('rate-limit');
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(5000);
  });

  it('unauthorised (KT-CT-1111) is an auth error', async () => {
    answer({ errors: [{ message: 'Unauthorized.', extensions: { errorType: 'APPLICATION', errorCode: 'KT-CT-1111' } }], data: null });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('auth');
    expect(error.code).toBe('KT-CT-1111');
  });

  it('partial data with errors rejects with the partial data; safeRequest resolves to { error }', async () => {
    const body = {
      data: { viewer: { id: 'u1' }, account: null },
      errors: [{ message: 'Not found.', path: ['account'], extensions: { errorCode: 'KT-CT-4123' } }],
    };
    answer(body);
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('graphql');
    expect(error.data).toEqual(body.data);
    answer(body);
    const result = await client.safeRequest(ViewerDocument);
    expect(result.error?.code).toBe('KT-CT-4123');
    expect(result.data).toBeUndefined();
  });

  it('symbolic codes are read as they are', async () => {
    answer({ errors: [{ message: 'Already under contract.', extensions: { errorCode: 'KT_CT_10001_PARTY_ALREADY_UNDER_CONTRACT' } }], data: null });
    const error = await failure(client.request(ViewerDocument));
    expect(error.code).toBe('KT_CT_10001_PARTY_ALREADY_UNDER_CONTRACT');
    expect(error.kind).toBe('graphql');
  });

  it('HTTP 400 with a GraphQL errors body is read as GraphQL', async () => {
    answer({ errors: [{ message: 'Cannot query field "nope" on type "Query".', locations: [{ line: 1, column: 9 }] }] }, { status: 400 });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('graphql');
    expect(error.status).toBe(400);
    expect(error.code).toBeUndefined();
    expect(error.errors[0]?.message).toContain('nope');
  });

  it('a 502 HTML page is an http error with the status and a truncated body', async () => {
    const html = `<html><body>${'Bad gateway '.repeat(100)}</body></html>`;
    server.use(http.post(API_URL, () => HttpResponse.html(html, { status: 502 })));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.body).toBe(html.slice(0, 500));
    expect(error.errors).toEqual([]);
  });

  it('malformed JSON with status 200 is an http error', async () => {
    server.use(http.post(API_URL, () => new HttpResponse('{"data": {', { status: 200, headers: { 'Content-Type': 'application/json' } })));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(200);
    expect(error.body).toBe('{"data": {');
  });

  it('a 500 with JSON that is not GraphQL is an http error', async () => {
    answer({ detail: 'Internal error' }, { status: 500 });
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(error.body).toContain('Internal error');
  });

  it('a 200 JSON body with neither data nor errors is an http error', async () => {
    answer({});
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('http');
  });

  it('a network failure is a network error with reason connection', async () => {
    server.use(http.post(API_URL, () => HttpResponse.error()));
    const error = await failure(client.request(ViewerDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('connection');
  });

  it('a timeout is a network error with reason timeout', async () => {
    server.use(http.post(API_URL, async () => {
      await delay('infinite');
      return HttpResponse.json({ data: {} });
    }));
    const quick = createKrakenClient({ endpoint: API_URL, timeoutMs: 20 });
    const error = await failure(quick.request(ViewerDocument));
    expect(error.kind).toBe('network');
    expect(error.reason).toBe('timeout');
  });

  it('an abort (before or during the request) is a network error with reason abort', async () => {
    server.use(http.post(API_URL, async () => {
      await delay('infinite');
      return HttpResponse.json({ data: {} });
    }));
    const controller = new AbortController();
    const pending = client.request(ViewerDocument, {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const during = await failure(pending);
    expect(during.kind).toBe('network');
    expect(during.reason).toBe('abort');
    const before = await failure(client.request(ViewerDocument, {}, { signal: AbortSignal.abort() }));
    expect(before.reason).toBe('abort');
  });
});

describe('requests', () => {
  it('sends the precomputed text, the operation name, variables and headers to the endpoint', async () => {
    let received: { body: unknown; headers: Headers } | undefined;
    server.use(http.post(API_URL, async ({ request }) => {
      received = { body: await request.json(), headers: request.headers };
      return HttpResponse.json({ data: { account: { number: 'A-1' } } });
    }));
    const AccountDocument = documentOf<{ account: { number: string } }, { number: string }>(
      'query Account($number: String!) { account(accountNumber: $number) { number } }',
    );
    const custom = createKrakenClient({ endpoint: API_URL, headers: { 'X-Client': 'sdk' }, auth: { token: validToken }, authorizationPrefix: 'JWT ' });
    const data = await custom.request(AccountDocument, { number: 'A-1' }, { headers: { 'X-Request': 'r1' } });
    expect(data).toEqual({ account: { number: 'A-1' } });
    expect(received?.body).toEqual({ query: AccountDocument.kraken.text, variables: { number: 'A-1' }, operationName: 'Account' });
    expect(received?.headers.get('x-client')).toBe('sdk');
    expect(received?.headers.get('x-request')).toBe('r1');
    expect(received?.headers.get('authorization')).toBe(`JWT ${validToken}`);
  });

  it('routes documents served by the authentication server to authEndpoint', async () => {
    const seen: string[] = [];
    server.use(
      http.post(API_URL, () => {
        seen.push('api');
        return HttpResponse.json({ data: { ok: true } });
      }),
      http.post(AUTH_URL, () => {
        seen.push('auth');
        return HttpResponse.json({ data: { ok: true } });
      }),
    );
    const MfaDocument = documentOf<{ ok: boolean }, Record<string, never>>('mutation CreateMfaDevice { ok }', 'auth');
    await client.request(MfaDocument);
    await client.request(ViewerDocument);
    expect(seen).toEqual(['auth', 'api']);
  });

  it('a client without auth sends no Authorization header', async () => {
    let authorization: string | null = 'unset';
    server.use(http.post(API_URL, ({ request }) => {
      authorization = request.headers.get('authorization');
      return HttpResponse.json({ data: { viewer: null } });
    }));
    const anonymous = createKrakenClient({ endpoint: API_URL });
    expect(await anonymous.request(ViewerDocument)).toEqual({ viewer: null });
    expect(authorization).toBeNull();
  });

  it('uses the injected fetch', async () => {
    const fetch = vi.fn(async () => Response.json({ data: { viewer: { id: 'x' } } }));
    const injected = createKrakenClient({ endpoint: API_URL, fetch });
    expect(await injected.request(ViewerDocument)).toEqual({ viewer: { id: 'x' } });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('accepts a plain TypedDocumentNode, printing it once', async () => {
    const plain = parse('query Plain { viewer { id } }') as TypedDocumentNode<{ viewer: { id: string } }, Record<string, never>>;
    let body: { query?: string; operationName?: string } = {};
    server.use(http.post(API_URL, async ({ request }) => {
      body = (await request.json()) as typeof body;
      return HttpResponse.json({ data: { viewer: { id: 'p' } } });
    }));
    expect(await client.request(plain)).toEqual({ viewer: { id: 'p' } });
    expect(body.operationName).toBe('Plain');
    expect(body.query).toContain('query Plain');
    expect(operationOf(plain)).toBe(operationOf(plain));
  });

  it('rejects a non-document synchronously with a clear TypeError', () => {
    expect(() => client.safeRequest({} as TypedDocumentNode<unknown, Record<string, never>>)).toThrow(TypeError);
  });

  it('safeRequest resolves to { data } on success', async () => {
    answer({ data: { viewer: { id: 'ok' } } });
    expect(await client.safeRequest(ViewerDocument)).toEqual({ data: { viewer: { id: 'ok' } } });
  });

  it('rejects bad options clearly', () => {
    expect(() => createKrakenClient({})).toThrow(/endpoint/);
    expect(() => createKrakenClient({ endpoint: 'not a url' })).toThrow(/endpoint/);
    expect(() => createKrakenClient({ endpoint: API_URL, auth: { email: 'a@b.c' } as never })).toThrow(/password/);
    expect(() => createKrakenClient({ endpoint: API_URL, auth: {} as never })).toThrow(/exactly one/);
  });

  it('isKrakenError narrows only errors of that operation', async () => {
    answer({ errors: [{ message: 'x', extensions: { errorCode: 'KT-CT-4178' } }], data: null });
    const error: unknown = await client.request(ViewerDocument).catch((reason: unknown) => reason);
    expect(isKrakenError(error)).toBe(true);
    expect(isKrakenError(error, ViewerDocument)).toBe(true);
    expect(isKrakenError(error, documentOf('query Other { x }'))).toBe(false);
    expect(isKrakenError(new Error('x'))).toBe(false);
  });
});
