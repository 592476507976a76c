import { publishCredential, publishLoginInput } from './credential-channel.js';
import { hashHex } from './hash.js';
import type { MockJwtClaims, TokenClaims } from './jwt.js';
import { readJwtClaims, signMockJwt, verifyMockJwt } from './jwt.js';

/**
 * Strict credentials: obtainKrakenToken accepts only these (a kind left out accepts none), and only
 * tokens this mock issued are authorized.
 */
export interface MockCredentials {
  users: ReadonlyArray<{ email: string; password: string }>;
  apiKeys: readonly string[];
  organizationSecretKeys: readonly string[];
  preSignedKeys: readonly string[];
}

/**
 * `"any"` (the default): any non-empty email and password, API key, organisation secret key or
 * pre-signed key logs in, and any well-formed (JWT-shaped), unexpired token is authorized, including
 * tokens the app got elsewhere. An object: strict, see MockCredentials.
 */
export type MockCredentialsOption = 'any' | Partial<MockCredentials>;

/** The credentials the README and the mock server show; accepted by default like any others. */
export const DEFAULT_MOCK_CREDENTIALS: MockCredentials = {
  users: [{ email: 'user@example.com', password: 'correct-password' }],
  apiKeys: ['sk_test_mock_api_key'],
  organizationSecretKeys: [],
  preSignedKeys: [],
};

export interface MockAuthorityOptions {
  now: () => number;
  tokenLifetimeSeconds: number;
  refreshTokenLifetimeSeconds: number;
  /** Refresh grants kept at most; expired ones are pruned first, then the oldest. */
  maxRefreshGrants: number;
  /** undefined: accept any credentials and any well-formed unexpired token. */
  credentials: MockCredentials | undefined;
  issuer: string;
  secret: string;
}

/** What obtainKrakenToken answers (field names as in the schema). */
export interface ObtainedToken {
  token: string;
  payload: MockJwtClaims;
  refreshToken: string;
  refreshExpiresIn: number;
}

export type AuthFailureCode = 'KT-CT-1111' | 'KT-CT-1112' | 'KT-CT-1124' | 'KT-CT-1134' | 'KT-CT-1135' | 'KT-CT-1138';
export type AuthOutcome<T> = { ok: true; value: T } | { ok: false; code: AuthFailureCode };

interface Principal {
  sub: string;
  gty: string;
  email?: string;
}

interface RefreshGrant {
  principal: Principal;
  /** Unix seconds; never extended by a refresh (observed Kraken behaviour). */
  expiresAt: number;
  origIat: number;
}

/** Expired grants are swept after this many new ones (amortised: no sweep per login). */
const PRUNE_EVERY = 1000;

const AUTHORIZATION_SCHEME = /^(?:JWT|Bearer)\s+/i;

function stringField(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Issues and checks the mock's tokens. Secrets live in private fields so they never show up
 * in util.inspect or JSON.stringify of the engine or its state.
 */
export class MockAuthority {
  readonly #options: MockAuthorityOptions;
  #refreshGrants = new Map<string, RefreshGrant>();
  #issued = 0;
  #grantsSincePrune = 0;

  constructor(options: MockAuthorityOptions) {
    this.#options = options;
  }

  get issuedTokens(): number {
    return this.#issued;
  }

  reset(): void {
    this.#refreshGrants = new Map();
    this.#issued = 0;
  }

  #nowSeconds(): number {
    return Math.floor(this.#options.now() / 1000);
  }

  #principalFor(input: Record<string, unknown>): AuthOutcome<Principal> | undefined {
    const { credentials } = this.#options;
    const email = stringField(input, 'email');
    const password = stringField(input, 'password');
    if (email !== undefined || password !== undefined) {
      const accepted =
        email !== undefined &&
        password !== undefined &&
        (!credentials || credentials.users.some((candidate) => candidate.email === email && candidate.password === password));
      return accepted
        ? { ok: true, value: { sub: `kraken|account-user:${hashHex(email, 6)}`, gty: 'EMAIL-AND-PASSWORD', email } }
        : { ok: false, code: 'KT-CT-1138' };
    }
    const keyed: Array<[string, readonly string[] | undefined, string]> = [
      ['APIKey', credentials?.apiKeys, 'API-KEY'],
      ['organizationSecretKey', credentials?.organizationSecretKeys, 'ORGANIZATION-SECRET-KEY'],
      ['preSignedKey', credentials?.preSignedKeys, 'PRE-SIGNED-KEY'],
    ];
    for (const [field, accepted, grantType] of keyed) {
      const key = stringField(input, field);
      if (key === undefined) continue;
      return !accepted || accepted.includes(key)
        ? { ok: true, value: { sub: `kraken|${grantType.toLowerCase()}:${hashHex(key, 6)}`, gty: grantType } }
        : { ok: false, code: 'KT-CT-1138' };
    }
    return undefined;
  }

  #issue(principal: Principal, origIat: number, grant?: { refreshToken: string; expiresAt: number }): ObtainedToken {
    const iat = this.#nowSeconds();
    this.#issued += 1;
    const payload: MockJwtClaims = {
      sub: principal.sub,
      gty: principal.gty,
      ...(principal.email !== undefined ? { email: principal.email } : {}),
      tokenUse: 'access',
      iss: this.#options.issuer,
      iat,
      exp: iat + this.#options.tokenLifetimeSeconds,
      origIat,
      jti: hashHex(`${this.#options.secret}:jti:${this.#issued}:${iat}`, 16),
    };
    let refresh = grant;
    if (!refresh) {
      refresh = {
        refreshToken: hashHex(`${this.#options.secret}:refresh:${this.#issued}:${iat}`, 40),
        expiresAt: iat + this.#options.refreshTokenLifetimeSeconds,
      };
      this.#refreshGrants.set(refresh.refreshToken, { principal, expiresAt: refresh.expiresAt, origIat });
      this.#pruneGrants(iat);
    }
    const token = signMockJwt(payload, this.#options.secret);
    publishCredential('token', token);
    publishCredential('refreshToken', refresh.refreshToken);
    return { token, payload, refreshToken: refresh.refreshToken, refreshExpiresIn: refresh.expiresAt };
  }

  /** Bounded state: drops expired grants now and then, and the oldest beyond maxRefreshGrants (their refresh gets KT-CT-1135). */
  #pruneGrants(nowSeconds: number): void {
    this.#grantsSincePrune += 1;
    const grants = this.#refreshGrants;
    if (this.#grantsSincePrune >= PRUNE_EVERY || grants.size > this.#options.maxRefreshGrants) {
      this.#grantsSincePrune = 0;
      for (const [token, grant] of grants) if (grant.expiresAt <= nowSeconds) grants.delete(token);
    }
    for (const token of grants.keys()) {
      if (grants.size <= this.#options.maxRefreshGrants) break;
      grants.delete(token);
    }
  }

  /** Refresh grants currently held (for tests of bounded state). */
  get refreshGrantCount(): number {
    return this.#refreshGrants.size;
  }

  /** obtainKrakenToken: by refresh token (not rotated, expiry kept), email+password, or one of the key kinds. */
  obtainToken(input: unknown): AuthOutcome<ObtainedToken> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, code: 'KT-CT-1134' };
    const fields = input as Record<string, unknown>;
    publishLoginInput(fields);
    const refreshToken = stringField(fields, 'refreshToken');
    if (refreshToken !== undefined) {
      const grant = this.#refreshGrants.get(refreshToken);
      if (!grant || grant.expiresAt <= this.#nowSeconds()) return { ok: false, code: 'KT-CT-1135' };
      return { ok: true, value: this.#issue(grant.principal, grant.origIat, { refreshToken, expiresAt: grant.expiresAt }) };
    }
    const principal = this.#principalFor(fields);
    if (!principal) return { ok: false, code: 'KT-CT-1134' };
    if (!principal.ok) return principal;
    return { ok: true, value: this.#issue(principal.value, this.#nowSeconds()) };
  }

  /**
   * Checks an Authorization header: raw token, `JWT <token>` or `Bearer <token>`. Strict: only tokens
   * this mock signed. Default: any JWT-shaped token whose `exp` (if it has one) is still ahead.
   */
  authorize(header: string | null | undefined): AuthOutcome<TokenClaims> {
    const raw = header?.trim();
    if (!raw) return { ok: false, code: 'KT-CT-1112' };
    const token = raw.replace(AUTHORIZATION_SCHEME, '');
    publishCredential('token', token);
    const verified = this.#options.credentials ? verifyMockJwt(token, this.#options.secret) : readJwtClaims(token);
    if (!verified.ok) return { ok: false, code: 'KT-CT-1111' };
    const exp = verified.claims.exp;
    if (typeof exp === 'number' && exp <= this.#nowSeconds()) return { ok: false, code: 'KT-CT-1124' };
    return { ok: true, value: verified.claims };
  }
}
