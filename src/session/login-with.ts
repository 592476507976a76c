// loginWith(credentials): the `auth` that logs in with credentials and keeps the session fresh. Its own module,
// imported by the apps that log in: a client with a fixed token, getToken or no auth carries none of the login code.
import { onFirstNeed } from '../core/runtime.js';
import { deferredTokenSource } from './token-source.js';
import type { LoginParts } from './token-source-types.js';
import { LOGIN_PARTS } from './types.js';
import type { KrakenLogin, LoginCredentials, LoginKind, LoginKindOf } from './types.js';

const LOGIN_KINDS: readonly LoginKind[] = ['email', 'apiKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey'];

const loadLoginSession = onFirstNeed(() => import('./login-session.js'));

/**
 * Logs in with `credentials` (`{ email, password }`, `{ apiKey }`, `{ refreshToken }`, `{ organizationSecretKey }` or
 * `{ preSignedKey }`), for the client's `auth`. Throws a TypeError naming what is wrong with them. The credentials are
 * copied: changing the object later changes nothing.
 */
export function loginWith<const Credentials extends LoginCredentials>(credentials: Credentials): KrakenLogin<LoginKindOf<Credentials>> {
  const given = LOGIN_KINDS.filter((field) => field in Object(credentials));
  const kind = given[0] as LoginKind;
  if (given.length !== 1) throw new TypeError(`loginWith: credentials must hold exactly one of ${LOGIN_KINDS.join(', ')}; got ${given.join(', ') || `none (fields: ${Object.keys(Object(credentials)).join(', ') || 'none'})`}.`);
  // The login's input, copied now: the credential under its field's name (the API key's is `APIKey`).
  const input: Record<string, string> = {};
  let secret = '';
  for (const field of kind === 'email' ? [kind, 'password'] : [kind]) {
    secret = (credentials as Record<string, unknown>)[field] as string;
    if (typeof secret !== 'string' || secret === '') throw new TypeError(`loginWith: credentials.${field} must be a non-empty string.`);
    input[field === 'apiKey' ? 'APIKey' : field] = secret;
  }
  const parts = Object.freeze<LoginParts>({
    kind,
    name: input.email?.trim().toLowerCase() ?? '',
    secret,
    tokenSource: (options) => deferredTokenSource(loadLoginSession, (module) => module.loginTokenSource(input, options)),
  });
  // The parts behind a function: printed, serialized or spread, the value shows its kind and nothing else.
  return Object.freeze({ login: kind, [LOGIN_PARTS]: () => parts }) as unknown as KrakenLogin<LoginKindOf<Credentials>>;
}
