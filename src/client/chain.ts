// A call is a chain of steps around the transport: each step gets the call and the rest of the chain
// (`next`), and resolves with the answer or rejects with the KrakenError the call comes to. Each concern
// is one step in src/client/steps/; steps never import one another. The client builds two chains (see
// client.ts): one for calls and one, without auth or refresh, for its own logins.
import type { CallAbort } from '../core/abort.js';
import type { KrakenOperation } from '../core/document.js';
import type { KrakenError } from '../core/errors.js';
import type { Secrets } from '../core/redact.js';
import type { Identity } from '../session/identity.js';
import type { KrakenRequestTrace, Purpose, StepEvent } from './events.js';
import type { KrakenHooks } from './hooks.js';
import type { Endpoint } from './config.js';
import type { KrakenRequestOptions } from './pipeline/call.js';
import type { RetryPolicy } from './retry-options.js';
import type { TransportResponse } from './transport.js';

/** One call as it goes through the chain; the steps set its per-attempt fields. */
export interface CallState {
  readonly operation: KrakenOperation;
  readonly variables: object | undefined;
  readonly body: string;
  /** Where it goes (the API or the auth endpoint). */
  readonly endpoint: Endpoint;
  readonly requestOptions: KrakenRequestOptions | undefined;
  readonly policy: RetryPolicy;
  readonly purpose: Purpose;
  /** Who the call speaks as: the client, or its own Authorization. */
  readonly identity: Identity;
  readonly hooks: KrakenHooks | undefined;
  /** The client's clock (epoch ms), which pauses are kept by. */
  readonly now: () => number;
  /** What this client's errors never show (see redact.ts). */
  readonly secrets: Secrets;
  /** The client's headers with the call's own (lower-cased); an `authorization` among them replaces the client's token. */
  readonly baseHeaders: Readonly<Record<string, string>>;
  /** Set when someone observes the call (debug, tracing, error subscribers): where steps tell what they do. */
  tell: ((event: StepEvent) => void) | undefined;
  trace: KrakenRequestTrace | undefined;
  // Per attempt:
  /** 1 for the first attempt. */
  attempt: number;
  /** The headers this attempt sends (undefined: the client's own, unchanged). */
  headers: Record<string, string> | undefined;
  /** The attempt's bound (the caller's signal and the client's timeout), set by the timeout step. */
  abort: CallAbort | undefined;
  /** How many attempts reached the transport (the `attempts` of the call's error). */
  sends: number;
  /** The token this attempt sent (set by the auth step). */
  token: string | undefined;
  /** A token to send instead of asking the session (set after a refresh). */
  renewedToken: string | undefined;
  /** The end of the pause that held this attempt back, and of one its answer announced (set by the pause step). */
  pausedUntil: number | undefined;
  recordedUntil: number | undefined;
  /** The end of the pause this call has waited out (set by the retry step): a pause ending by then lets it pass. */
  waitedUntil: number;
}

/** What a call is made of; the steps set the rest. */
export type CallFields = Pick<CallState, 'operation' | 'variables' | 'body' | 'endpoint' | 'requestOptions' | 'policy' | 'purpose' | 'identity' | 'hooks' | 'baseHeaders' | 'secrets' | 'now'>;

/** A call as the chain starts with it (every field present from the start: one object shape for every call). */
export function newCall(fields: CallFields): CallState {
  return {
    ...fields,
    tell: undefined, trace: undefined, attempt: 0, headers: undefined, abort: undefined, sends: 0,
    token: undefined, renewedToken: undefined, pausedUntil: undefined, recordedUntil: undefined, waitedUntil: 0,
  };
}

/** What an attempt brought back: the answer, read once (its JSON parsed once). */
export interface Answer {
  readonly response: TransportResponse;
  /** The parsed body, or undefined when it is not JSON. */
  readonly body: unknown;
  /** Set for a plain success: HTTP 2xx, a whole JSON body with object `data` and no `errors`. */
  readonly data: object | undefined;
}

/** What the transport step rejects with when no answer came; the classify step makes it a KrakenError. */
export class SendFailure {
  why: 'abort' | 'timeout' | undefined;
  constructor(
    readonly failure: unknown,
    readonly neverSent: boolean,
  ) {}
}

export type Next = (call: CallState) => Promise<Answer>;
export type Step = (call: CallState, next: Next) => Promise<Answer>;

/** The chain: `steps[0]` runs first and calls the next with `next`, the last step calls `last`. */
export function compose(steps: readonly Step[], last: Next): Next {
  return steps.reduceRight<Next>((next, step) => (call) => step(call, next), last);
}

export type { KrakenError };
