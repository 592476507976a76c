import type { LoginCredentials, SessionScope } from './types.js';

/**
 * PBKDF2 rounds for the scope's keyed hash: about 50 ms once per client with a scoped store, so that a
 * store's keys cannot be turned back into a guessable password at any useful rate.
 */
export const SCOPE_HASH_ITERATIONS = 100_000;

/** The credential kind, who it names (the email; nothing for a key), and the secret that proves it. */
function credentialParts(credentials: LoginCredentials): readonly [kind: string, name: string, secret: string] {
  if ('email' in credentials) return ['email', credentials.email.trim().toLowerCase(), credentials.password];
  if ('apiKey' in credentials) return ['apiKey', '', credentials.apiKey];
  if ('refreshToken' in credentials) return ['refreshToken', '', credentials.refreshToken];
  if ('organizationSecretKey' in credentials) return ['organizationSecretKey', '', credentials.organizationSecretKey];
  return ['preSignedKey', '', credentials.preSignedKey];
}

const hex = (bytes: ArrayBuffer): string => Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Who a session belongs to, for stores shared by several identities: a keyed hash (PBKDF2-SHA-256,
 * through Web Crypto, the same in Node and browsers) of the secret itself, salted with the endpoint, the
 * credential kind and the email. Only a client holding the same secret finds the same scope, so a
 * wrong password never reaches another's session; the scope holds no secret and none can be read back from it.
 */
export async function sessionScope(endpoint: string, credentials: LoginCredentials): Promise<SessionScope> {
  const [kind, name, secret] = credentialParts(credentials);
  const { subtle } = globalThis.crypto;
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']);
  const salt = encoder.encode(`kraken-sdk session scope v2\n${endpoint}\n${kind}\n${name}`);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: SCOPE_HASH_ITERATIONS }, key, 256);
  return { endpoint, identity: hex(bits) };
}
