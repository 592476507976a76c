// The public lifecycle hooks (ky's vocabulary), on the client's options and per call. Each receives a
// state object; none ever sees a password, a token or a refresh token: the Authorization header is set
// after beforeRequest and is never among the headers a hook sees.
import type { KrakenError } from '../core/errors.js';

/** What every hook is told of its call. */
export interface HookCall {
  readonly operationName: string;
  /** `query`, `mutation` or `subscription`. */
  readonly operationType: string;
  /** `call` for your requests; `login` or `refresh` for the token requests the client makes itself. */
  readonly purpose: 'call' | 'login' | 'refresh';
}

export interface BeforeRequestState extends HookCall {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The headers this attempt sends, lower-case names; add or change them here (an `authorization` is set after, by the client). */
  readonly headers: Record<string, string>;
}

export interface AfterResponseState extends HookCall {
  readonly attempt: number;
  /** The HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  /** The Kraken error codes of the answer, in order. */
  readonly codes: readonly string[];
  /** The error this attempt came to, if any (it may still be retried). */
  readonly error: KrakenError | undefined;
}

export interface BeforeRetryState extends HookCall {
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly error: KrakenError;
  /** How long the client will wait before the next attempt (ms). */
  readonly delayMs: number;
}

export interface BeforeErrorState extends HookCall {
  readonly error: KrakenError;
}

export interface KrakenHooks {
  /** Before each attempt is sent: may change `state.headers`. */
  readonly beforeRequest?: ReadonlyArray<(state: BeforeRequestState) => void | Promise<void>>;
  /** After each attempt, answered or not. */
  readonly afterResponse?: ReadonlyArray<(state: AfterResponseState) => void | Promise<void>>;
  /** Before a retry: return `false` to stop retrying (the call fails with `state.error`). */
  readonly beforeRetry?: ReadonlyArray<(state: BeforeRetryState) => boolean | void | Promise<boolean | void>>;
  /** Before a call rejects: return a KrakenError to reject with instead. */
  readonly beforeError?: ReadonlyArray<(state: BeforeErrorState) => KrakenError | void | Promise<KrakenError | void>>;
}

const HOOK_NAMES = ['beforeRequest', 'afterResponse', 'beforeRetry', 'beforeError'] as const;

/** The hooks option checked (a TypeError naming what is wrong), merged after `base` (the client's run first). */
export function hooksOf(where: string, given: unknown, base?: KrakenHooks): KrakenHooks | undefined {
  if (given === undefined) return base;
  if (typeof given !== 'object' || given === null) throw new TypeError(`${where} must be an object.`);
  let merged: Record<string, readonly unknown[]> | undefined;
  for (const [name, list] of Object.entries(given)) {
    if (!(HOOK_NAMES as readonly string[]).includes(name)) throw new TypeError(`${where}: unknown hook "${name}" (known: ${HOOK_NAMES.join(', ')}).`);
    if (!Array.isArray(list) || !list.every((hook) => typeof hook === 'function')) throw new TypeError(`${where}.${name} must be an array of functions.`);
    if (list.length > 0) (merged ??= { ...base } as Record<string, readonly unknown[]>)[name] = [...(base?.[name as keyof KrakenHooks] ?? []), ...list];
  }
  return merged ?? base;
}
