// Checks of what a client is created with: bad options throw a TypeError naming the option, synchronously.
import { credentialOf } from '../session/identity.js';
import type { KrakenAuth } from '../session/types.js';

/** An endpoint as the client keeps it: the URL to send to, and its origin and path for messages. */
export interface Endpoint {
  readonly url: string;
  readonly origin: string;
  readonly path: string;
}

/** Characters a header value (or a token put in one) may not hold. */
export const NOT_HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/;

export const isLoopback = (hostname: string): boolean => /^(?:(?:.+\.)?localhost|\[::1\]|127(?:\.\d{1,3}){3})$/.test(hostname);

export function parseEndpoint(name: string, value: unknown, allowInsecureHttp: boolean): Endpoint {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a URL string.`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: an unparsable URL may still hold a password.
    throw new TypeError(`${name} is not a valid absolute URL.`);
  }
  const where = `${name} (${url.origin}${url.pathname})`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${name} must be an http(s) URL, not ${url.protocol}.`);
  if (url.username !== '' || url.password !== '') {
    throw new TypeError(`${where} must not hold a user name or password: use \`auth\`.`);
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname) && !allowInsecureHttp) {
    throw new TypeError(`${where}: plain http is for loopback hosts only (secrets would travel unencrypted); use https or allowInsecureHttp: true.`);
  }
  return { url: url.href, origin: url.origin, path: url.pathname };
}

/** What a header value must be (the rest of `X must be …` messages). */
export const HEADER_SAFE_STRING = 'must be a string of printable Latin-1 characters.';

/** The longest delay a timer takes (2^31 - 1 ms, about 24.8 days): a longer timeout or retry delay is refused. */
export const MAX_TIMER_MS = 2_147_483_647;

/** `value`, or `fallback` when undefined; a TypeError naming `name` unless a number from 0 to `max`. */
export function numberInRange(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value <= max)) throw new TypeError(`${name} must be a number from 0 to ${max}.`);
  return value;
}

/** Header names lower-cased (so a caller's and the client's never merge into one value), values checked without echoing them. */
export function headerRecord(name: string, headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === undefined) return result;
  if (typeof headers !== 'object' || headers === null) throw new TypeError(`${name} must be an object of header names to strings.`);
  for (const [key, value] of Object.entries(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) throw new TypeError(`${name}: "${key.replace(/[^\x20-\x7e]/g, '?')}" is not a valid header name.`);
    if (typeof value !== 'string' || NOT_HEADER_SAFE.test(value)) {
      throw new TypeError(`${name}["${key}"] ${HEADER_SAFE_STRING}`);
    }
    // Framing and connection headers fetch refuses or drops and node:http sent (a chunked body, a 100-continue wait,
    // another Host); a caller's length made fetch wait for a body it never got.
    if (/^(content-length|transfer-encoding|host|keep-alive|upgrade|expect)$/i.test(key)) throw new TypeError(`${name}["${key}"] is set by the transport: drop it.`);
    result[key.toLowerCase()] = value;
  }
  return result;
}

/** Which kind of credentials a client holds, for its inspected shape (never the credentials). */
export const authKindOf = (auth: KrakenAuth | undefined): string => credentialOf(auth)[0];
