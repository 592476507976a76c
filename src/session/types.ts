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
}

/** The non-secret view of a session, for `client.session()`. */
export interface SessionInfo {
  readonly tokenExpiresAt: number | undefined;
  readonly refreshExpiresAt: number | undefined;
}

/** Where the session lives; share one store to share one session between processes. */
export interface SessionStore {
  get(): Promise<Session | undefined>;
  set(session: Session | undefined): Promise<void>;
}

/** The credentials `obtainKrakenToken` accepts (input `ObtainJSONWebTokenInput`). */
export type LoginCredentials =
  | { readonly email: string; readonly password: string }
  | { readonly apiKey: string }
  | { readonly refreshToken: string }
  | { readonly organizationSecretKey: string }
  | { readonly preSignedKey: string };

/** Credentials to log in with, a fixed token, or a function returning tokens managed elsewhere. */
export type KrakenAuth = LoginCredentials | { readonly token: string } | { readonly getToken: () => Promise<string> };

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

export function createMemorySessionStore(): SessionStore {
  let current: Session | undefined;
  return {
    get: () => Promise.resolve(current),
    set: (session) => {
      current = session;
      return Promise.resolve();
    },
  };
}
