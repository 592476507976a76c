import type { LoginCredentials, SessionScope } from './types.js';

/** The credential kind and the value that identifies who logs in; a password never takes part. */
function identifyingValue(credentials: LoginCredentials): string {
  if ('email' in credentials) return `email\n${credentials.email.trim().toLowerCase()}`;
  if ('apiKey' in credentials) return `apiKey\n${credentials.apiKey}`;
  if ('refreshToken' in credentials) return `refreshToken\n${credentials.refreshToken}`;
  if ('organizationSecretKey' in credentials) return `organizationSecretKey\n${credentials.organizationSecretKey}`;
  return `preSignedKey\n${credentials.preSignedKey}`;
}

/** SHA-256 (hex) through Web Crypto: the same in Node 20+ and browsers. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Who a session belongs to, for stores shared by several identities: a hash, never a secret. */
export async function sessionScope(endpoint: string, credentials: LoginCredentials): Promise<SessionScope> {
  return { endpoint, identity: await sha256Hex(identifyingValue(credentials)) };
}
