// Who a call speaks as, derived once per client and once per call with its own Authorization: the
// endpoint, the credential kind and the credential. It keys the session, the shared and in-memory
// rate-limit pauses and the lease; nothing else computes a scope. It never holds a secret.
import { onFirstNeed } from '../core/runtime.js';
import type { CredentialKind } from './scope-hash.js';
import type { KrakenAuth, LoginCredentials, SessionScope } from './types.js';

export type { CredentialKind } from './scope-hash.js';

export interface Identity {
  /** Names the identity in this process (a fingerprint, never a secret). */
  readonly key: string;
  /** Its scope in a shared store, hashed on first need; undefined when it has none to share (`getToken`, no auth). */
  readonly scope: (() => Promise<SessionScope>) | undefined;
  /** True for the client's own identity (a per-call Authorization is not). */
  readonly own: boolean;
}

/** The credential fields of `auth`: exactly one is given. */
const CREDENTIAL_FIELDS = ['email', 'apiKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey', 'token', 'getToken'] as const;

/**
 * The credential kind, who it names (the email; nothing for a key) and the secret that proves it: the one place kinds
 * are told apart. Throws a TypeError naming what is wrong with `auth` (validateAuth).
 */
export function credentialOf(auth: KrakenAuth | undefined): readonly [kind: CredentialKind, name: string, secret: string] {
  if (auth === undefined) return ['none', '', ''];
  // Object(): `in` on anything, a primitive or null holding none of the fields.
  const given = CREDENTIAL_FIELDS.filter((field) => field in Object(auth));
  const kind = given[0] as (typeof CREDENTIAL_FIELDS)[number];
  if (given.length !== 1) throw new TypeError(`auth must hold exactly one of ${CREDENTIAL_FIELDS.join(', ')}; got ${given.join(', ') || 'none'}.`);
  const fields = auth as Record<string, unknown>;
  for (const name of kind === 'email' ? [kind, 'password'] : [kind]) {
    const value = fields[name];
    if (typeof value !== (name === 'getToken' ? 'function' : 'string') || value === '') {
      throw new TypeError(`auth.${name} must be ${name === 'getToken' ? 'a function' : 'a non-empty string'}.`);
    }
  }
  if (kind === 'email') return [kind, (fields.email as string).trim().toLowerCase(), fields.password as string];
  return [kind, '', kind === 'getToken' ? '' : (fields[kind] as string)];
}

// Hashing a scope (PBKDF2 or SHA-256, scope-hash.ts) is needed only with a shared store: loaded then.
const loadScopeHash = onFirstNeed(() => import('./scope-hash.js'));

/** The scope of login credentials (the session store's keys). */
export const sessionScope = (endpoint: string, credentials: LoginCredentials): Promise<SessionScope> =>
  (clientIdentity(endpoint, credentials).scope as () => Promise<SessionScope>)();

/** A 32-bit FNV-1a hash of `text` from `basis`, in base 36 (two bases give a 64-bit fingerprint). */
export function fnv1a(text: string, basis: number): string {
  let hash = basis;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return (hash >>> 0).toString(36);
}

function identityOf(endpoint: string, kind: CredentialKind, name: string, secret: string): Identity {
  let scoped: Promise<SessionScope> | undefined;
  const material = `${endpoint}\n${kind}\n${name}\n${secret}`;
  return {
    key: `${kind}:${fnv1a(material, 0x811c9dc5)}${fnv1a(material, 0x050c5d1f)}`,
    // No secret, nothing to share: no auth, or `getToken`.
    scope: secret ? () => (scoped ??= loadScopeHash().then((hash) => hash.scopeOf(endpoint, kind, name, secret))) : undefined,
    own: kind !== 'authorization',
  };
}

/** The client's identity: its login endpoint and credentials. */
export function clientIdentity(endpoint: string, auth: KrakenAuth | undefined): Identity {
  return identityOf(endpoint, ...credentialOf(auth));
}

/** Identities of per-call Authorization values, kept for the latest few hundred (a multi-tenant backend reuses them). */
export function callIdentities(endpoint: string): (authorization: string) => Identity {
  const known = new Map<string, Identity>();
  return (authorization) => {
    let found = known.get(authorization);
    if (found === undefined) {
      found = identityOf(endpoint, 'authorization', '', authorization);
      if (known.size >= 256) known.delete(known.keys().next().value as string);
      known.set(authorization, found);
    }
    return found;
  };
}
