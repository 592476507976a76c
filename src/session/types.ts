/** What the client keeps after a login. Holds secrets: stores must keep it private. */
export interface Session {
  readonly token: string;
  /** Epoch ms, from the token's `exp` (or the login payload); undefined when unknown. */
  readonly tokenExpiresAt?: number | undefined;
  /** Epoch ms, from the token's `iat` (else when it was received); bounds the refresh skew for short-lived tokens. */
  readonly tokenIssuedAt?: number | undefined;
  readonly refreshToken?: string | undefined;
  /** Epoch ms, from `refreshExpiresIn` exactly as the server sent it (Unix seconds). */
  readonly refreshExpiresAt?: number | undefined;
  /**
   * The scope identity of the credentials and endpoint that obtained it (a keyed hash, no secret), written by the
   * client with the session; a session read back under another identity is never adopted.
   */
  readonly identity?: string | undefined;
}

/** The non-secret view of a session, for `client.session()`. */
export interface SessionInfo {
  readonly tokenExpiresAt: number | undefined;
  readonly refreshExpiresAt: number | undefined;
}

/**
 * Where the session lives; share one store to share one session between processes. The client keeps
 * its own copy in memory and reads the store when that copy needs renewing, so a session another
 * process wrote is adopted before any login. A store that fails or does not answer is worked around
 * (one warning, calls go on with the in-memory session).
 */
export interface SessionStore {
  get(): Promise<Session | undefined>;
  set(session: Session | undefined): Promise<void>;
  /** Optional: one login or refresh at a time for every process sharing this store. */
  readonly lease?: SessionStoreLease;
  /**
   * Optional: the store for one client's login endpoint and identity. A store shared by several
   * identities implements it so that their sessions never mix.
   */
  forScope?(scope: SessionScope): SessionStore;
  /**
   * Optional: a rate-limit pause shared by every client using this store (per scope, like the session).
   * A client that learns its identity is rate-limited records it here; the others check it before sending.
   */
  readonly pause?: SessionStorePause;
  /**
   * Optional, used only from a store that scopes (`forScope`): a refusal of the scope's credentials, shared for a
   * short time so that a fleet sends refused credentials once, not once per process (repeating a refused login can
   * lock the account).
   */
  readonly refusal?: SessionStoreRefusal;
}

/**
 * Where a refusal of the scope's credentials is kept: its code only (e.g. `KT-CT-1138`), never a secret nor the
 * server's message, forgotten after the time it was recorded for. A process that finds one fails its login with
 * an `auth` error without sending it (until logout, as one refused itself).
 */
export interface SessionStoreRefusal {
  /** The code of the refusal recorded, or undefined when there is none (or it has been forgotten). */
  get(): Promise<string | undefined>;
  /** Records a refusal with its code, forgotten after `forMs`. */
  set(code: string, forMs: number): Promise<void>;
}

/**
 * Where a rate-limit pause is kept: the epoch ms until which the identity must not send. The client clamps
 * what `get()` returns to an hour from its own clock and ignores (with one `store` warning) what no member
 * could have written; a store shared between machines should keep the pause's remaining duration with a
 * matching expiry (as kraken-sdk/redis does), so that a member whose clock is wrong cannot lengthen it.
 */
export interface SessionStorePause {
  /** The pause's end (epoch ms), or undefined when there is none (an ended pause may be forgotten or returned). */
  get(): Promise<number | undefined>;
  /** Records a pause until `untilMs`, replacing the one before (the server's latest word); it ends by itself then. */
  set(untilMs: number): Promise<void>;
}

/**
 * Who a session belongs to. `identity` is a keyed hash (PBKDF2-SHA-256, hex) of the credential's secret
 * (password, key or refresh token), salted with the endpoint, the credential kind and the email: equal
 * only for the same credentials, never a secret, and no secret can be read back from it.
 */
export interface SessionScope {
  readonly endpoint: string;
  readonly identity: string;
}

/**
 * The right to log in or refresh, for a whole fleet. The process holding it calls Kraken; the others
 * wait for the session it writes to appear in the store. It expires by itself after `ttlMs`, so a
 * process that dies holding it does not block the fleet.
 */
export interface SessionStoreLease {
  /** How long a lease lasts unless released; also how long a waiter expects to wait at most for its holder. */
  readonly ttlMs: number;
  /** Takes the lease, or resolves undefined while another process holds it. */
  acquire(): Promise<HeldLease | undefined>;
  /**
   * Optional: how long the lease another process holds has left (ms), `Infinity` when it never expires, undefined
   * when none is held. A waiter that has waited `ttlMs` logs in itself when the lease never expires or has more
   * than twice `ttlMs` left (no holder sets that: a planted or broken key), and waits on while a live holder keeps
   * extending it. Without it, a waiter gives up after `ttlMs`.
   */
  expiresInMs?(): Promise<number | undefined>;
}

export interface HeldLease {
  /** Gives the lease back; only its holder's lease is released (a lease that expired and was taken by another stays). */
  release(): Promise<void>;
  /**
   * Optional: keeps the lease for another `ttlMs` from now; resolves false when it is no longer ours.
   * The holder calls it every third of `ttlMs` while its login runs, so a slow login is not joined by a second one.
   */
  extend?(): Promise<boolean>;
}

/** The credentials `obtainKrakenToken` accepts (input `ObtainJSONWebTokenInput`). */
export type LoginCredentials = Alone<'email' | 'password'> | Alone<'apiKey'> | Alone<'refreshToken'> | Alone<'organizationSecretKey'> | Alone<'preSignedKey'>;

type LoginField = 'email' | 'password' | 'apiKey' | 'refreshToken' | 'organizationSecretKey' | 'preSignedKey';
/** These fields and none of the other kinds' (two kinds at once do not compile: loginWith refuses them). */
type Alone<Given extends LoginField> = { readonly [Field in Given]: string } & { readonly [Field in Exclude<LoginField, Given>]?: never };

/** The kinds of credentials `obtainKrakenToken` accepts: the field each logs in with. */
export type LoginKind = 'email' | 'apiKey' | 'refreshToken' | 'organizationSecretKey' | 'preSignedKey';

/** The kind of `credentials`, e.g. `'apiKey'` for `{ apiKey }`. */
export type LoginKindOf<Credentials extends LoginCredentials> = Credentials extends { readonly email: string } ? 'email' : Extract<keyof Credentials, LoginKind>;

/**
 * Where a login's parts live on the value `loginWith` makes: a string key, so that the ESM and CommonJS builds' types
 * (and two copies of the SDK) name the same property.
 */
export const LOGIN_PARTS = 'kraken-sdk.login';

/**
 * Logs in with credentials (`obtainKrakenToken`) and keeps the session fresh: made by `loginWith(credentials)`.
 * Printed or serialized, it shows its kind, never a secret.
 */
export interface KrakenLogin<Kind extends LoginKind = LoginKind> {
  readonly login: Kind;
  /** What loginWith made it from, behind a function (no secret shows); a value without it is refused. */
  readonly [LOGIN_PARTS]: unknown;
}

/** A login made by `loginWith`, a fixed token, or a function returning tokens managed elsewhere. */
export type KrakenAuth = KrakenLogin | { readonly token: string } | { readonly getToken: () => Promise<string> };

/** The `ObtainJSONWebTokenInput` fields sent for credentials. */
export interface ObtainTokenInput {
  readonly email?: string;
  readonly password?: string;
  readonly APIKey?: string;
  readonly refreshToken?: string;
  readonly organizationSecretKey?: string;
  readonly preSignedKey?: string;
}

/** What `obtainKrakenToken` returns (the fields the client reads). */
export interface ObtainTokenPayload {
  readonly token?: string | null;
  readonly payload?: unknown;
  readonly refreshToken?: string | null;
  readonly refreshExpiresIn?: number | null;
}

export interface MemorySessionStoreOptions {
  /**
   * The client's clock (epoch ms). Given, the store drops a session once its refresh token (else its token)
   * has expired and keeps a pause at most an hour ahead, as a shared store must (kraken-sdk/testing checks
   * it); without it, it keeps what it is given and the client judges it with its own clock.
   */
  readonly now?: () => number;
}

/**
 * One process's store: the session and the rate-limit pause, in memory, one of each per scope (clients with other
 * credentials or another endpoint sharing it keep their own).
 */
export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): SessionStore {
  const scopes = new Map<string, SessionStore>();
  return {
    ...memoryScope(options),
    forScope: (scope) => {
      let store = scopes.get(scope.identity);
      if (store === undefined) scopes.set(scope.identity, (store = memoryScope(options)));
      return store;
    },
  };
}

function memoryScope(options: MemorySessionStoreOptions): SessionStore {
  const { now } = options;
  let current: Session | undefined;
  let pauseEnd: number | undefined;
  let refused: { readonly code: string; readonly until: number } | undefined;
  const clock = now ?? Date.now;
  return {
    refusal: {
      get: () => Promise.resolve(refused !== undefined && refused.until > clock() ? refused.code : undefined),
      set: (code, forMs) => ((refused = { code, until: clock() + forMs }), Promise.resolve()),
    },
    pause: {
      get: () => Promise.resolve(pauseEnd),
      set: (untilMs) => {
        pauseEnd = now === undefined ? untilMs : Math.min(untilMs, now() + 3_600_000);
        return Promise.resolve();
      },
    },
    get: () => {
      const expiresAt = current?.refreshExpiresAt ?? current?.tokenExpiresAt;
      return Promise.resolve(now !== undefined && expiresAt !== undefined && expiresAt <= now() ? undefined : current);
    },
    set: (session) => {
      current = session;
      return Promise.resolve();
    },
  };
}

/** Refresh this long before the token expires (ms), unless the client says otherwise. */
export const DEFAULT_REFRESH_SKEW_MS = 60_000;
