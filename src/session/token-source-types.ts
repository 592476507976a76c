// What a token source is and takes, apart from its implementation so that the sources it loads can name them.
import type { KrakenError } from '../core/errors.js';
import type { CallBound } from './bounded.js';
import type { KrakenAuth, LoginKind, ObtainTokenInput, ObtainTokenPayload, Session, SessionInfo, SessionScope, SessionStore } from './types.js';

/** Sends `obtainKrakenToken` (without Authorization) and resolves with its payload or rejects with a KrakenError. */
export type ObtainToken = (input: ObtainTokenInput) => Promise<ObtainTokenPayload | null | undefined>;

export interface TokenSourceOptions {
  readonly auth?: KrakenAuth | undefined;
  readonly obtainToken: ObtainToken;
  /** Where logins go; with the identity, it scopes a shared store (see `SessionStore.forScope`). */
  readonly endpoint?: string | undefined;
  /** The client's identity's scope (session/identity.ts), hashed once for the session and the pause alike. */
  readonly scope?: (() => Promise<SessionScope>) | undefined;
  /** Refresh this long before the token's expiry (ms). Default 60 000. */
  readonly refreshSkewMs?: number | undefined;
  readonly store?: SessionStore | undefined;
  readonly onSession?: ((session: Session) => void | Promise<void>) | undefined;
  /** Told about failures the client worked around (a failing store or hook). Default: `console.warn`. */
  readonly onWarning?: ((warning: KrakenError) => void) | undefined;
  readonly now?: (() => number) | undefined;
  /** Where the source puts every secret it holds (credentials, tokens) so that no error shows one (redact.ts). */
  readonly secrets?: Set<string> | undefined;
  /** How long one store operation may take (ms). Default 2 000. */
  readonly storeTimeoutMs?: number | undefined;
}

/** The options as createTokenSource hands them to the sources it loads: defaults applied. */
export interface LoadedSourceOptions extends TokenSourceOptions {
  readonly refreshSkewMs: number;
  readonly now: () => number;
}

/** Supplies the token for each request; owns login, refresh and their single flight. */
export interface TokenSource {
  /**
   * A token usable now, or undefined when the client has no auth. Rejects with a KrakenError when none can
   * be had, or with a `network` abort/timeout error as soon as `bound` fires.
   */
  token(bound?: CallBound): Promise<string | undefined>;
  /** After KT-CT-1124 for `token`: renews and resolves with a token to retry with, or undefined when no retry makes sense. */
  tokenRejected(token: string, bound?: CallBound): Promise<string | undefined>;
  info(): Promise<SessionInfo | undefined>;
  logout(): Promise<void>;
}

/** What a `KrakenLogin` holds under LOGIN_PARTS: its identity's parts and the source that logs in with it. */
export interface LoginParts {
  readonly kind: LoginKind;
  /** Who it names: the email, trimmed and lower-cased; empty for a key. */
  readonly name: string;
  /** The secret that proves it (password, key or refresh token), for the identity's hash only. */
  readonly secret: string;
  tokenSource(options: LoadedSourceOptions): TokenSource;
}
