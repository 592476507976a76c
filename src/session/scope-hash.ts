// The hash that names an identity's scope in a shared store (loaded with the first store that needs it).
import type { SessionScope } from './types.js';

export type CredentialKind = 'none' | 'email' | 'apiKey' | 'refreshToken' | 'organizationSecretKey' | 'preSignedKey' | 'token' | 'getToken' | 'authorization';

/**
 * PBKDF2 rounds for a login credential's scope: about 50 ms once per client, so that a store's keys cannot be
 * turned back into a guessable password at any useful rate. Tokens are not guessable: one SHA-256 suffices.
 */
const SCOPE_HASH_ITERATIONS = 100_000;

/** A keyed hash of the secret, salted with the endpoint, the kind and the name: equal only for the same credential. */
export async function scopeOf(endpoint: string, kind: CredentialKind, name: string, secret: string): Promise<SessionScope> {
  const { subtle } = crypto;
  const encoder = new TextEncoder();
  const salt = `kraken-sdk session scope v2\n${endpoint}\n${kind}\n${name}`;
  const bits =
    kind === 'token' || kind === 'authorization'
      ? await subtle.digest('SHA-256', encoder.encode(`${salt}\n${secret}`))
      : await subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(salt), iterations: SCOPE_HASH_ITERATIONS },
          await subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, ['deriveBits']),
          256,
        );
  return { endpoint, identity: Array.from(new Uint8Array(bits), (byte) => byte.toString(16).padStart(2, '0')).join('') };
}
