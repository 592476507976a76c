// Echoes of a secret in forms the redactor did not search (a new-user/attacker trial of the packed package):
// PHP's json_encode (`\/`, `\u00e9`), HTML numeric entities (`&#34;`, `&#x22;`), lower-case percent-encoding
// (`%2f`), the secret upper-cased, NFD-normalised, and a password or token as base64 (standard, url-safe) or hex.
// Each is echoed by a server on 127.0.0.1 and must reach no rendering of the error nor the error channel.
// Not covered (not required): a server that shows only a prefix of a secret it masks itself.
import { describe, expect, it } from 'vitest';
import { publishedErrors, renderings } from './renderings.js';
import { CloseOpenPrintBatchDocument, createKrakenClient, KrakenError } from 'kraken-sdk/st';
import { json, serve } from '../faults/http-server.js';
import { echoForms } from '../support/secrets.js';
import { loginWith } from '../../src/index.js';

const PASSWORD = 'Pa$$-w0rd/SECRET+é"<&>';
const EMAIL = 'forms@example.com';

const php = (text: string): string => JSON.stringify(text).slice(1, -1).replace(/\//g, '\\/').replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const passwordEchoes: Array<[string, string]> = [
  ['PHP-style JSON (\\/ and \\u00e9)', php(PASSWORD)],
  ['HTML decimal entities (&#34;)', PASSWORD.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)],
  ['HTML hex entities (&#x22;), non-ASCII too', PASSWORD.replace(/[&<>"'\u0080-\uffff]/g, (char) => `&#x${char.charCodeAt(0).toString(16)};`)],
  ['percent-encoded in lower case (%2f)', encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())],
  ['upper-cased', PASSWORD.toUpperCase()],
  ['NFD-normalised', PASSWORD.normalize('NFD')],
  ['base64', utf8(PASSWORD).toString('base64')],
  ['base64 url-safe, unpadded', utf8(PASSWORD).toString('base64url')],
  ['hex', utf8(PASSWORD).toString('hex')],
  ['HEX (upper case)', utf8(PASSWORD).toString('hex').toUpperCase()],
  // Inside a longer base64 text, at each of the three byte alignments: an HTTP Basic header, an encoded body (a JSON
  // body, where the password is JSON-escaped first: "a request body echoed encoded" below).
  ['base64 of email:password (HTTP Basic)', utf8(`${EMAIL}:${PASSWORD}`).toString('base64')],
  ['base64 of a text body holding it', utf8(`user ${EMAIL} password ${PASSWORD} remember=true`).toString('base64')],
  ['base64 url-safe after one more byte', utf8(`x${PASSWORD}; more text after it`).toString('base64url')],
  ['base64 after two more bytes', utf8(`xy${PASSWORD}.`).toString('base64')],
];

/** True when some run of base64 in `text`, decoded from any of the 4 offsets, holds `secret`'s UTF-8 bytes. */
function base64Holds(text: string, secret: string): boolean {
  const wanted = utf8(secret);
  for (const [run] of text.matchAll(/[A-Za-z0-9+/_-]{8,}/g)) {
    for (let skip = 0; skip < 4; skip++) if (Buffer.from(run.slice(skip), 'base64').includes(wanted)) return true;
  }
  return false;
}

const published = publishedErrors();

async function failure(promise: Promise<unknown>): Promise<KrakenError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof KrakenError)) throw new Error(`expected a KrakenError, got ${String(error)}`);
  return error;
}

function expectNotShown(errors: readonly unknown[], echoed: string): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) for (const text of renderings(error)) expect(text.toLowerCase()).not.toContain(echoed.toLowerCase());
}

describe('a password a server echoes in another form', () => {
  it.each(passwordEchoes)('%s: in a GraphQL error and in a proxy page', async (_form, echoed) => {
    expect(echoed).not.toBe(PASSWORD);
    for (const answer of ['graphql', 'page'] as const) {
      const server = await serve((_request, response) =>
        answer === 'graphql'
          ? json(response, { data: null, errors: [{ message: `Login refused for password=${echoed} (try again).` }] })
          : json(response, `<pre>login refused for input password=${echoed}</pre>`, 502, { 'content-type': 'text/html' }),
      );
      const client = createKrakenClient({ endpoint: server.url, auth: loginWith({ email: EMAIL, password: PASSWORD }), retry: false });
      const error = await failure(client.request(CloseOpenPrintBatchDocument));
      expect(error.stage).toBe('login');
      // Still says what went wrong.
      expect(JSON.stringify(renderings(error))).toMatch(/login refused/i);
      expectNotShown([error, ...published()], echoed);
      for (const text of renderings(error)) expect(base64Holds(text, PASSWORD), text).toBe(false);
    }
  });
});

describe('a token a server echoes as base64 or hex', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjk5OTk5OTk5OTl9.Zm9ybXMtdG9rZW4tc2lnbmF0dXJl';
  it.each([
    ['base64', utf8(token).toString('base64')],
    ['base64 url-safe', utf8(token).toString('base64url')],
    ['hex', utf8(token).toString('hex')],
  ])('%s', async (_form, echoed) => {
    const server = await serve((_request, response) => json(response, { data: null, errors: [{ message: `token ${echoed} rejected`, extensions: { errorCode: 'KT-CT-1111' } }] }));
    const client = createKrakenClient({ endpoint: server.url, auth: { token }, retry: false });
    const error = await failure(client.request(CloseOpenPrintBatchDocument));
    expect(error.code).toBe('KT-CT-1111');
    expectNotShown([error, ...published()], echoed);
  });
});

describe("the suite's secrets scan searches the same forms (test/support/secrets.ts)", () => {
  it.each(passwordEchoes)('%s', (_form, echoed) => {
    const forms = echoForms(PASSWORD);
    expect(forms.some((form) => echoed.toLowerCase().includes(form))).toBe(true);
  });
});

describe('a password that is not well-formed UTF-16 (a lone surrogate)', () => {
  // encodeURIComponent throws on a lone surrogate: learning the secret's forms must not throw with it.
  it.each([['a high surrogate alone', 'lone-\ud800-password'], ['a low surrogate alone', 'lone-\udc00-password']])(
    '%s: the login reaches the server, its refusal is told and the echo is not shown',
    async (_case, password) => {
      const server = await serve((_request, response) => json(response, { data: null, errors: [{ message: `Login refused for password=${password}.` }] }));
      const client = createKrakenClient({ endpoint: server.url, auth: loginWith({ email: EMAIL, password }), retry: false });
      const error = await failure(client.request(CloseOpenPrintBatchDocument));
      expect(error.stage).toBe('login');
      // The login reached the server and its refusal is told (a URIError from learning the secret stopped it before).
      expect(error.message).toMatch(/Login refused for password=\[redacted\]/);
      expectNotShown([error], password);
    },
  );
});

describe('a password whose lower case is longer than itself (İ lower-cases to two units)', () => {
  it('echoed as it was given, or as a server lower-cased it, it is redacted', async () => {
    const password = 'İstanbul-İzmir-secret';
    for (const echoed of [password, password.toLowerCase()]) {
      const server = await serve((_request, response) => json(response, { data: null, errors: [{ message: `Login refused for password=${echoed}.` }] }));
      const client = createKrakenClient({ endpoint: server.url, auth: loginWith({ email: EMAIL, password }), retry: false });
      const error = await failure(client.request(CloseOpenPrintBatchDocument));
      expect(error.message).toMatch(/Login refused for password=\[redacted\]\./);
      expectNotShown([error, ...published()], echoed);
    }
  });
});

// Forms a second trial of the packed package found unsearched. Each: the password, and what the server echoes.
const percent = (char: string): string => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
const quotePlus = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, percent).replace(/%20/g, '+');
const phpUrlencode = (text: string): string => encodeURIComponent(text).replace(/[!'()*~]/g, percent).replace(/%20/g, '+');
const pythonBytesRepr = (text: string): string => `b'${[...utf8(text)].map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16)}`)).join('')}'`;
const moreEchoes: Array<[string, string, string]> = [
  ['form-encoded by URLSearchParams (%21 %28 %29 %7E)', 'Secret!Pass(1)*~ x', new URLSearchParams({ p: 'Secret!Pass(1)*~ x' }).toString().slice(2)],
  ["form-encoded by Python's quote_plus (%2A, + for a space)", 'Secret!Pass(1)*~ x', quotePlus('Secret!Pass(1)*~ x')],
  ["form-encoded by PHP's urlencode (%2A and %7E)", "it's-Secret!(1)*~", phpUrlencode("it's-Secret!(1)*~")],
  ["HTML-escaped by PHP (' as &#039;)", "it's-my-password", "it&#039;s-my-password"],
  ["HTML5-escaped (' as &apos;)", "it's-my-<password>", 'it&apos;s-my-&lt;password&gt;'],
  ['upper-cased, longer (ß as SS)', 'straße-password', 'straße-password'.toUpperCase()],
  ['upper-cased, longer (ŉ as ʼN)', 'ŉ-password-long', 'ŉ-password-long'.toUpperCase()],
  ["Python's bytes repr (ä as \\xc3\\xa4)", 'pässwort-long', pythonBytesRepr('pässwort-long')],
];

describe('a password echoed in forms a second trial found unsearched', () => {
  it.each(moreEchoes)('%s', async (_form, password, echoed) => {
    expect(echoed.toLowerCase()).not.toContain(password.toLowerCase());
    const server = await serve((_request, response) => json(response, { data: null, errors: [{ message: `Login refused for password=${echoed} (try again).` }] }));
    const error = await failure(createKrakenClient({ endpoint: server.url, auth: loginWith({ email: EMAIL, password }), retry: false }).request(CloseOpenPrintBatchDocument));
    expect(error.stage).toBe('login');
    expect(error.message).toMatch(/Login refused for password=.*\[redacted\].* \(try again\)\./);
    expectNotShown([error, ...published()], echoed);
  });

  it.each(moreEchoes)('the scan searches it too: %s', (_form, password, echoed) => {
    expect(echoForms(password).some((form) => echoed.toLowerCase().includes(form))).toBe(true);
  });
});

describe('a request body echoed encoded, its password JSON-escaped in it (", \\ or non-ASCII)', () => {
  const password = 'pa"ss\\wörd-long-enough';
  const escaped = JSON.stringify(password).slice(1, -1);
  const encodings: Array<[string, (body: string) => string, (text: string) => boolean]> = [
    ['base64', (body) => utf8(body).toString('base64'), (text) => base64Holds(text, escaped)],
    ['hex', (body) => utf8(body).toString('hex'), (text) => text.toLowerCase().includes(utf8(escaped).toString('hex'))],
    ['URL-encoded', (body) => encodeURIComponent(body), (text) => text.toLowerCase().includes(encodeURIComponent(escaped).toLowerCase())],
  ];

  it.each(encodings)('%s: the JSON-escaped password is not in any rendering', async (_encoding, encode, shows) => {
    const server = await serve((request, response) => json(response, { data: null, errors: [{ message: `bad request ${encode(request.body)}`, extensions: { errorCode: 'KT-CT-1138' } }] }));
    const error = await failure(createKrakenClient({ endpoint: server.url, auth: loginWith({ email: EMAIL, password }), retry: false }).request(CloseOpenPrintBatchDocument));
    expect(error.message).toContain('bad request');
    expect(server.requests[0]?.body).toContain(escaped);
    for (const value of [error, ...published()]) for (const text of renderings(value)) expect(shows(text), text.slice(0, 300)).toBe(false);
  });

  it.each(encodings)('the scan searches it too: %s', (_encoding, encode) => {
    const echoed = encode(`{"input":{"email":"${EMAIL}","password":"${escaped}"}}`).toLowerCase();
    expect(echoForms(password).some((form) => echoed.includes(form))).toBe(true);
  });
});
