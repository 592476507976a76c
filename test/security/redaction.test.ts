// Issue 19, items 3 and 4: whatever a server echoes (the login input in a variable error, the whole
// request in a proxy's page, the tokens of a login answer that also carries errors), no secret the
// client holds or receives reaches any string a KrakenError or warning exposes, nor the error channel.
import { describe, expect, it } from 'vitest';
import { publishedErrors, renderings } from './renderings.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import type { KrakenAuth, KrakenClientOptions } from 'kraken-sdk';
import { createMemorySessionStore } from 'kraken-sdk';
import { API_URL, fakeKraken, issuedSession, json, jwt, refreshToken } from './fake-kraken.js';
import type { FakeKraken, LoginRequest } from './fake-kraken.js';
import { loginWith } from 'kraken-sdk';

const EMAIL = 'echo-victim@example.com';
const PASSWORD = 'PASSWORDSECRET-987-echoed';
const API_KEY = 'sk_live_echoed_api_key_7788';
const ORGANIZATION_KEY = 'org-secret-echoed-5566';
const PRE_SIGNED_KEY = 'presigned-echoed-key-3344';

const published = publishedErrors();

function expectNoSecret(values: readonly unknown[], secrets: readonly string[]): void {
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    for (const text of renderings(value)) for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

function clientOf(fake: FakeKraken, auth: KrakenAuth, extra: Partial<KrakenClientOptions> = {}) {
  return createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, auth, retry: false, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

/** A server's standard answer to a variable its schema does not know: it repeats the whole input. */
const variableEcho = (request: LoginRequest) =>
  json({
    errors: [
      {
        message: `Variable "$input" got invalid value ${JSON.stringify(request.input)}; Field "password" is not defined by type "ObtainJSONWebTokenInput".`,
        locations: [{ line: 1, column: 27 }],
      },
    ],
  });

/** A proxy's error page repeating the request it could not forward. */
const proxyEcho = (request: LoginRequest) => new Response(`<html><h1>502 Bad Gateway</h1><pre>${request.body}</pre></html>`, { status: 502 });

const credentialKinds: Array<[string, KrakenAuth, string]> = [
  ['email and password', loginWith({ email: EMAIL, password: PASSWORD }), PASSWORD],
  ['API key', loginWith({ apiKey: API_KEY }), API_KEY],
  ['organisation key', loginWith({ organizationSecretKey: ORGANIZATION_KEY }), ORGANIZATION_KEY],
  ['pre-signed key', loginWith({ preSignedKey: PRE_SIGNED_KEY }), PRE_SIGNED_KEY],
];

describe('credentials a server echoes are redacted', () => {
  it.each(credentialKinds)('%s repeated in a variable error: not in message, errors, cause, JSON, inspect or the channel', async (_kind, auth, secret) => {
    const fake = fakeKraken(variableEcho);
    const error = await failure(clientOf(fake, auth).request(CloseOpenPrintBatchDocument));
    expect(fake.logins[0]?.body).toContain(secret);
    // Still says what went wrong.
    expect(error.message).toContain('Field "password" is not defined');
    expect(error.stage).toBe('login');
    expectNoSecret([error, ...published()], [secret]);
  });

  it.each(credentialKinds)('%s repeated in a proxy page: not in body, inspect or the channel', async (_kind, auth, secret) => {
    const fake = fakeKraken(proxyEcho);
    const error = await failure(clientOf(fake, auth).request(CloseOpenPrintBatchDocument));
    expect(error.kind).toBe('http');
    expect((error.cause as KrakenError).body).toContain('502 Bad Gateway');
    expectNoSecret([error, ...published()], [secret]);
  });

  it('a token the client sends, echoed by the API in a GraphQL error or an HTTP page', async () => {
    const now = Date.now();
    const session = issuedSession(now);
    const fake = fakeKraken(
      () => session.body,
      (authorization) =>
        authorization === null
          ? json({ data: {} })
          : json({ errors: [{ message: `Token ${authorization} is not valid here.`, extensions: { errorCode: 'KT-CT-1111' } }], data: { echoed: authorization } }, 200),
    );
    const client = clientOf(fake, loginWith({ email: EMAIL, password: PASSWORD }));
    const graphqlError = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(graphqlError.code).toBe('KT-CT-1111');
    const fixed = fakeKraken(variableEcho, (authorization) => new Response(`denied for ${String(authorization)}`, { status: 500 }));
    const fixedToken = jwt({ exp: Math.floor(now / 1000) + 3600 });
    const httpError = await failure(clientOf(fixed, { token: fixedToken }).request(CloseOpenPrintBatchDocument));
    expect(httpError.body).toMatch(/^denied for /);
    expectNoSecret([graphqlError, httpError, ...published()], [session.token, session.refreshToken, PASSWORD, fixedToken]);
  });

  it('a token given by a call\'s own Authorization header, echoed back', async () => {
    const callToken = jwt({ exp: 9_999_999_999 });
    const fake = fakeKraken(variableEcho, (authorization) => new Response(`no entry for ${String(authorization)}`, { status: 401 }));
    const error = await failure(
      createKrakenClient({ endpoint: API_URL, fetch: fake.fetch, retry: false }).request(CloseOpenPrintBatchDocument, { input: {} } as never, {
        headers: { authorization: callToken },
      }),
    );
    expect(error.status).toBe(401);
    expectNoSecret([error, ...published()], [callToken]);
  });

  it('secrets in headers the user sets (Authorization, API keys, cookies, tokens), client-wide or per call, echoed back', async () => {
    const echoHeaders: typeof fetch = (_url, init) => {
      const sent = Object.entries(init?.headers ?? {}).map(([name, value]) => `${name}: ${String(value)}`).join('\n');
      return Promise.resolve(new Response(`<pre>rejected request\n${sent}</pre>`, { status: 500 }));
    };
    const secrets = ['client-wide-bearer-1234', 'client-api-key-secret-5678', 'call-session-secret-9012', 'cookie-session-id-3456'];
    const client = createKrakenClient({
      endpoint: API_URL,
      fetch: echoHeaders,
      retry: false,
      headers: { Authorization: `Bearer ${secrets[0]}`, 'X-Api-Key': secrets[1] ?? '', 'x-request-source': 'reporting-app' },
    });
    const error = await failure(
      client.request(CloseOpenPrintBatchDocument, { input: {} } as never, { headers: { 'x-session-token': secrets[2] ?? '', cookie: `sid=${secrets[3]}` } }),
    );
    expect(error.status).toBe(500);
    // Headers that are not secrets stay readable.
    expect(error.body).toContain('x-request-source: reporting-app');
    expectNoSecret([error, ...published()], secrets);
  });

  it('client-wide secret headers echoed by a failed login (before any call could fail): not in the login error either', async () => {
    const secrets = ['login-path-api-key-5678', 'login-path-cookie-3456'];
    // Echoes the whole request, headers and body, in a GraphQL error of the login and of anything else.
    const echoAll: typeof fetch = (_url, init) =>
      Promise.resolve(json({ errors: [{ message: `rejected ${JSON.stringify({ headers: init?.headers, body: String(init?.body) })}` }], data: null }));
    const client = createKrakenClient({
      endpoint: API_URL,
      fetch: echoAll,
      retry: false,
      auth: loginWith({ email: EMAIL, password: PASSWORD }),
      headers: { 'X-Api-Key': secrets[0] ?? '', cookie: `sid=${secrets[1]}`, 'x-request-source': 'reporting-app' },
    });
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.stage).toBe('login');
    expect(JSON.stringify(error.cause)).toContain('reporting-app');
    expectNoSecret([error, ...published()], [...secrets, PASSWORD]);
  });

  // Kraken runs on Django: Python's json.dumps escapes every non-ASCII character by default, and pages,
  // proxies and logs repeat input URL-encoded, HTML-escaped, as a Python repr, or JSON inside JSON.
  const awkwardPassword = 'Pa55"w\\ord<&>\'ä€-echoed';
  const pythonAscii = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const htmlEscaped = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
  const pythonRepr = (text: string): string => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const echoForms: Array<[string, (password: string) => string]> = [
    ['JSON with non-ASCII escaped (Python json.dumps)', pythonAscii],
    ['URL-encoded', (text) => encodeURIComponent(text)],
    ['form-encoded', (text) => encodeURIComponent(text).replace(/%20/g, '+')],
    ['HTML-escaped', htmlEscaped],
    ['HTML-escaped with &#39;', (text) => htmlEscaped(text).replace(/&#x27;/g, '&#39;')],
    ['a Python repr', pythonRepr],
    ['JSON inside JSON', (text) => JSON.stringify(JSON.stringify(text)).slice(1, -1)],
  ];
  it.each(echoForms)('a password echoed %s', async (_form, encode) => {
    const echoed = encode(awkwardPassword);
    expect(echoed).not.toBe(awkwardPassword);
    const fake = fakeKraken(() => new Response(`<pre>login refused for input password=${echoed}</pre>`, { status: 400 }));
    const error = await failure(clientOf(fake, loginWith({ email: EMAIL, password: awkwardPassword })).request(CloseOpenPrintBatchDocument));
    expect(error.stage).toBe('login');
    expectNoSecret([error, ...published()], [echoed]);
  });

  it('a flood of other secrets (300 calls with their own Authorization) does not push the password out', async () => {
    let echo = false;
    const fake = fakeKraken(
      (request) => (echo ? variableEcho(request) : issuedSession(Date.now()).body),
      (authorization) => new Response(`denied for ${String(authorization)}`, { status: 500 }),
    );
    const client = clientOf(fake, loginWith({ email: EMAIL, password: PASSWORD }));
    // Logs in first: the password is then the oldest secret the client holds.
    await failure(client.request(CloseOpenPrintBatchDocument));
    const flood: string[] = [];
    for (let index = 0; index < 300; index += 1) {
      const token = `call-token-${index}-${'x'.repeat(12)}`;
      flood.push(token);
      await failure(client.request(CloseOpenPrintBatchDocument, { input: {} } as never, { headers: { authorization: token } }));
    }
    await client.logout();
    echo = true;
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(fake.logins.at(-1)?.body).toContain(PASSWORD);
    expectNoSecret([error], [PASSWORD, ...flood.slice(-1)]);
  });
});

describe('the tokens of a login answer never reach an error', () => {
  const withTokens = (errors: unknown[]) => {
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    const refresh = refreshToken();
    return { token, refresh, answer: () => json({ data: { obtainKrakenToken: { token, refreshToken: refresh, refreshExpiresIn: 1 } }, errors }) };
  };

  it('with "errors": [] (not a GraphQL response)', async () => {
    const { token, refresh, answer } = withTokens([]);
    const error = await failure(clientOf(fakeKraken(answer), loginWith({ apiKey: API_KEY })).request(CloseOpenPrintBatchDocument));
    expect(error.kind).toBe('http');
    expectNoSecret([error, ...published()], [token, refresh, API_KEY]);
  });

  it('with one GraphQL error', async () => {
    const { token, refresh, answer } = withTokens([{ message: 'Partially failed.', extensions: { errorCode: 'KT-CT-1199' } }]);
    const error = await failure(clientOf(fakeKraken(answer), loginWith({ apiKey: API_KEY })).request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-1199');
    expectNoSecret([error, ...published()], [token, refresh, API_KEY]);
  });
});

describe('warnings are redacted too', () => {
  it('an onSession hook or a store whose failure repeats the session', async () => {
    const session = issuedSession(Date.now());
    const warnings: KrakenError[] = [];
    const store = createMemorySessionStore();
    const leaky = {
      get: () => store.get(),
      set: (value: Parameters<typeof store.set>[0]) => Promise.reject(new Error(`cannot write ${JSON.stringify(value)}`)),
    };
    const client = clientOf(fakeKraken(() => session.body), loginWith({ email: EMAIL, password: PASSWORD }), {
      store: leaky,
      onWarning: (warning) => void warnings.push(warning),
      onSession: (value) => {
        throw new Error(`hook failed for ${value.token} / ${String(value.refreshToken)}`);
      },
    });
    await client.request(CloseOpenPrintBatchDocument);
    expect(warnings.map((warning) => warning.kind)).toEqual(['store', 'store']);
    expectNoSecret([...warnings, ...published()], [session.token, session.refreshToken]);
  });
});
