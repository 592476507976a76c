import { onAbortOf } from '../core/abort.js';
import { onFirstNeed, preloadInNode } from '../core/runtime.js';
import type { CallBound } from './bounded.js';
import { loginPartsOf } from './identity.js';

export type { CallBound } from './bounded.js';

export type { ObtainToken, TokenSource, TokenSourceOptions } from './token-source-types.js';
import type { TokenSource, TokenSourceOptions } from './token-source-types.js';

import { DEFAULT_REFRESH_SKEW_MS } from './types.js';
export { DEFAULT_REFRESH_SKEW_MS };

export function createTokenSource(options: TokenSourceOptions): TokenSource {
  const { auth } = options;
  // Without auth: no token, nothing to renew, no session (the client validated `auth` before).
  if (auth === undefined) return { token: none, tokenRejected: none, info: none, logout: none };
  const loaded = { ...options, refreshSkewMs: options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS, now: options.now ?? (() => Date.now()) };
  const login = loginPartsOf(auth);
  return login ? login.tokenSource(loaded) : deferredTokenSource(loadAuthSources, (module) => module.authTokenSource(auth, loaded));
}

const none = (): Promise<undefined> => Promise.resolve(undefined);

/** A fixed token and `getToken` live in their own module, loaded the first time a token is needed. */
const loadAuthSources = onFirstNeed(() => import('./auth-sources.js'));

type Forwarded = (...args: unknown[]) => Promise<never>;

/** A token source whose code is loaded the first time a token is needed (in Node, as soon as it is made). */
export function deferredTokenSource<Module>(load: () => Promise<Module>, make: (module: Module) => TokenSource): TokenSource {
  let loaded: TokenSource | undefined;
  preloadInNode(load);
  /** The loaded source, waited for no longer than the call's bound (the loaded source then refuses a fired bound itself). */
  const sourceWithin = (bound: CallBound | undefined): Promise<TokenSource> =>
    new Promise((resolve, reject) => {
      // A bound fired before this (not the steps' case: they ask with a live signal) is refused by the loaded source.
      const stopWaiting = bound && onAbortOf(bound.signal, () => reject(bound.signal.reason));
      load()
        // A failed load, or a source that cannot be made, rejects as the runtime says it (the auth step makes it the
        // call's `auth` error); the next need tries again.
        .then((module) => (loaded ??= make(module)))
        .then(resolve, reject)
        .finally(stopWaiting);
    });
  /** Each method goes straight to the loaded source once there is one; `boundAt`: where its CallBound is. */
  const forward =
    (method: keyof TokenSource, boundAt = 0): Forwarded =>
    (...args) =>
      loaded ? (loaded[method] as Forwarded)(...args) : sourceWithin(args[boundAt] as CallBound | undefined).then((source) => (source[method] as Forwarded)(...args));
  return { token: forward('token'), tokenRejected: forward('tokenRejected', 1), info: forward('info'), logout: forward('logout') };
}
