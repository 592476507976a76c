// The secrets a session holds now (the credentials, the current token and refresh token) stay searched however many
// other secrets come: the client remembers at most 1,024 forms of the others, least recently used dropped first, and
// a trial of the packed package pushed the password and the refresh token out with ~100 hourly refreshes or with one
// answer carrying 200 made-up `token` fields; an echo of them was then shown.
import { describe, expect, it } from 'vitest';
import { publishedErrors, renderings } from './renderings.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import type { KrakenAuth } from 'kraken-sdk';
import { loginWith } from 'kraken-sdk';
import { API_URL, fakeKraken, json, jwt, refreshToken } from './fake-kraken.js';
import { addSecret } from '../../src/core/redact.js';
import type { Secrets } from '../../src/core/redact.js';

const EMAIL = 'kept-victim@example.com';
const PASSWORD = 'correct-horse-battery-kept';
const API_KEY = 'sk_live_kept_api_key_0123456789';

const published = publishedErrors();

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

function expectNotShown(errors: readonly unknown[], secrets: readonly string[]): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) for (const text of renderings(error)) for (const secret of secrets) expect(text).not.toContain(secret);
}

/** A login answer issuing a token valid for an hour from `now` and a new refresh token. */
function issued(now: number): { token: string; refreshToken: string; body: Response } {
  const token = jwt({ exp: Math.floor(now / 1000) + 3600, iat: Math.floor(now / 1000) });
  const refresh = refreshToken();
  const body = json({ data: { obtainKrakenToken: { token, payload: {}, refreshToken: refresh, refreshExpiresIn: Math.floor(now / 1000) + 7 * 86_400 } } });
  return { token, refreshToken: refresh, body };
}

/** Made-up `token` fields a lying server puts in one answer: each is learnt as a secret (with its forms). */
const madeUpTokens = (count: number) => Array.from({ length: count }, (_, index) => ({ token: `made-up-token-${index}-xxxxxxxx` }));

describe('after many refreshes, each adding its new tokens as secrets', () => {
  it('the password and the current refresh token echoed in an API error are redacted (120 hourly refreshes)', async () => {
    let clock = Date.UTC(2026, 0, 1);
    let current = issued(clock);
    let echo = false;
    const fake = fakeKraken(
      (request) => {
        if ('refreshToken' in request.input || 'password' in request.input) current = issued(clock);
        return current.body;
      },
      () => (echo ? json({ errors: [{ message: `Account ${EMAIL} (password ${PASSWORD}, refresh ${current.refreshToken}) is locked.` }], data: null }) : json({ data: { ok: true } })),
    );
    const client = createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, now: () => clock, auth: loginWith({ email: EMAIL, password: PASSWORD }) });
    for (let hour = 0; hour <= 120; hour++) {
      await client.request(CloseOpenPrintBatchDocument);
      clock += 3_600_000;
    }
    // One login, then a refresh per hour.
    expect(fake.logins.length).toBeGreaterThan(100);
    expect(fake.logins.filter((login) => 'password' in login.input)).toHaveLength(1);
    await client.request(CloseOpenPrintBatchDocument);
    echo = true;
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.message).toMatch(/Account .* is locked/);
    expectNotShown([error, ...published()], [PASSWORD, current.refreshToken, current.token]);
  });
});

describe('an answer carrying 200 made-up tokens besides an echo', () => {
  const credentials: Array<[string, KrakenAuth, string]> = [
    ['the password', loginWith({ email: EMAIL, password: PASSWORD }), PASSWORD],
    ['the API key', loginWith({ apiKey: API_KEY }), API_KEY],
  ];

  it.each(credentials)('a login answer echoing %s: the echo is redacted', async (_what, auth, secret) => {
    const fake = fakeKraken((request) =>
      json({ errors: [{ message: `Invalid data for ${JSON.stringify(request.input)}`, extensions: { errorCode: 'KT-CT-1138' } }], data: { junk: madeUpTokens(200) } }),
    );
    const error = await failure(createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, auth }).request(CloseOpenPrintBatchDocument));
    expect(error.stage).toBe('login');
    expect(error.message).toContain('Invalid data for');
    expectNotShown([error, ...published()], [secret]);
  });

  it('an API answer echoing the session\'s refresh token, token and password: all redacted', async () => {
    const session = issued(Date.now());
    let answer = 0;
    const fake = fakeKraken(
      () => session.body,
      (authorization) => {
        answer += 1;
        // First a flood alone, then the flood again with the echo.
        const message = answer === 1 ? 'nope' : `refresh ${session.refreshToken} token ${String(authorization)} password ${PASSWORD}`;
        return json({ errors: [{ message, extensions: { errorCode: 'KT-CT-9999' } }], data: { junk: madeUpTokens(200) } });
      },
    );
    const client = createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, auth: loginWith({ email: EMAIL, password: PASSWORD }) });
    await failure(client.request(CloseOpenPrintBatchDocument));
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.message).toMatch(/KT-CT-9999: refresh \[redacted\] token \[redacted\] password \[redacted\]$/);
    expectNotShown([error, ...published()], [session.refreshToken, session.token, PASSWORD]);
  });

  it('a fixed token echoed after the flood: redacted', async () => {
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const fake = fakeKraken(
      () => json({ data: null }),
      () => json({ errors: [{ message: `token ${token} refused`, extensions: { errorCode: 'KT-CT-9999' } }], data: { junk: madeUpTokens(200) } }),
    );
    const error = await failure(createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, auth: { token } }).request(CloseOpenPrintBatchDocument));
    expect(error.message).toMatch(/token \[redacted\] refused/);
    expectNotShown([error, ...published()], [token]);
  });
});

describe('a secret of 300,000 characters', () => {
  // Its forms were built with String.fromCharCode(...bytes), which throws a RangeError past ~100,000 arguments.
  it('an API key that long: the login is sent, its refusal is a KrakenError that does not show the key', async () => {
    const apiKey = `sk_live_${'K'.repeat(300_000)}`;
    const fake = fakeKraken((request) => json({ errors: [{ message: `Invalid API key ${String(request.input.APIKey).slice(0, 40)}… (${String(request.input.APIKey).length} characters)`, extensions: { errorCode: 'KT-CT-1139' } }], data: null }));
    const error = await failure(createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, auth: loginWith({ apiKey }) }).request(CloseOpenPrintBatchDocument));
    expect(fake.logins).toHaveLength(1);
    expect(error.stage).toBe('login');
    expect(error.message).toContain('300008 characters');
    expectNotShown([error, ...published()], [apiKey]);
  });

  it('a token that long in an answer: a KrakenError, and the token echoed is redacted', async () => {
    const long = 'T'.repeat(300_000);
    const fake = fakeKraken(
      () => json({ data: null }),
      () => json({ errors: [{ message: `bad ${long.slice(0, 20)}`, extensions: { errorCode: 'KT-CT-9999' } }], data: { token: long, again: long } }),
    );
    const error = await failure(createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false, auth: { token: jwt({ exp: 9_999_999_999 }) } }).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-9999');
    expect(JSON.stringify(error.data)).not.toContain(long);
  });

  it('a made-up value that long is learnt as it is only: no encoded forms of it are built', () => {
    const secrets: Secrets = new Set();
    addSecret(secrets, 'ß€'.repeat(150_000));
    expect(secrets.size).toBeLessThanOrEqual(2);
    addSecret(secrets, 'ß€'.repeat(100));
    expect(secrets.size).toBeGreaterThan(20);
  });
});
