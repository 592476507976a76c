// Who a call speaks as, derived once per client and once per call with its own Authorization: the
// endpoint, the credential kind and the credential. It keys the session, the shared and in-memory
// rate-limit pauses and the lease; nothing else computes a scope. It never holds a secret.
import { onFirstNeed } from '../core/runtime.js';
import type { CredentialKind } from './scope-hash.js';
import type { LoginParts } from './token-source-types.js';
import { LOGIN_PARTS } from './types.js';
import type { KrakenAuth, KrakenLogin, SessionScope } from './types.js';

export type { CredentialKind } from './scope-hash.js';

export interface Identity {
  /** Names the identity in this process (a fingerprint, never a secret). */
  readonly key: string;
  /** Its scope in a shared store, hashed on first need; undefined when it has none to share (`getToken`, no auth). */
  readonly scope: (() => Promise<SessionScope>) | undefined;
  /** True for the client's own identity (a per-call Authorization is not). */
  readonly own: boolean;
}

/** The parts of a login made by loginWith; undefined for any other value. */
export const loginPartsOf = (auth: unknown): LoginParts | undefined => (auth as { [LOGIN_PARTS]?: () => LoginParts } | undefined)?.[LOGIN_PARTS]?.();

/**
 * The credential kind, who it names (the email; nothing for a key) and the secret that proves it: the one place kinds
 * are told apart. Throws a TypeError naming what is wrong with `auth`.
 */
export function credentialOf(auth: KrakenAuth | undefined): readonly [kind: CredentialKind, name: string, secret: string] {
  if (auth === undefined) return ['none', '', ''];
  const login = loginPartsOf(auth);
  if (login) return [login.kind, login.name, login.secret];
  const { token, getToken } = Object(auth) as Record<string, unknown>;
  if (typeof token === 'string' && token !== '' && getToken === undefined) return ['token', '', token];
  if (typeof getToken === 'function' && token === undefined) return ['getToken', '', ''];
  // Field names only: a value may be a secret.
  throw new TypeError(`auth must be loginWith(credentials), { token } or { getToken }; got ${typeof auth === 'object' && auth ? `fields ${Object.keys(auth).join(', ') || 'none'}` : typeof auth}.`);
}

// Hashing a scope (PBKDF2 or SHA-256, scope-hash.ts) is needed only with a shared store: loaded then.
const loadScopeHash = onFirstNeed(() => import('./scope-hash.js'));

/** The scope of a login (the session store's keys). */
export const sessionScope = (endpoint: string, login: KrakenLogin): Promise<SessionScope> =>
  (clientIdentity(endpoint, login).scope as () => Promise<SessionScope>)();

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
