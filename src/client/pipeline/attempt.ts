// One attempt of a call, as facts: what it sent and what came back, not yet judged. A plain success is
// all the client needs up front; anything else goes to the failure path (recovery.ts), loaded on first need.
// The steps of an attempt: the pause, the token, the send; recovery.ts judges what came of them.
import type { CallAbort } from '../../core/abort.js';
import type { TransportResponse } from '../transport.js';
import type { CallBound } from '../../session/token-source.js';

export type { Call, KrakenRequestOptions } from './call.js';

/** Asks for the token of one attempt (undefined: send without Authorization). */
export type TokenGetter = (abort: CallAbort) => Promise<string | undefined>;

/** The call's bound fired: its signal's reason and which of the two fired, read the moment it was seen. */
interface Stopped {
  readonly failure: unknown;
  readonly why: 'abort' | 'timeout' | undefined;
}

export type TokenStep =
  | { readonly token: string | undefined }
  | ({ readonly stopped: true } & Stopped)
  | { readonly stopped: false; readonly failure: unknown };

export type Attempt =
  /** Not sent: the identity's rate-limit pause lasts until `until` (epoch ms). */
  | { readonly step: 'paused'; readonly until: number; readonly token?: undefined }
  | ({ readonly step: 'token'; readonly token?: undefined } & Exclude<TokenStep, { readonly token: string | undefined }>)
  | { readonly step: 'unsafe-token'; readonly token?: undefined }
  | ({ readonly step: 'send'; readonly token: string | undefined; readonly neverSent: boolean } & Stopped)
  | {
      readonly step: 'answer';
      readonly token: string | undefined;
      readonly response: TransportResponse;
      /** Set for a plain success: HTTP 2xx, a whole JSON body with object `data` and no `errors`. */
      readonly data: object | undefined;
    };

const stoppedBy = (abort: CallAbort): Stopped => ({ failure: abort.signal?.reason, why: abort.reason() });

/** The token for an attempt, waited for no longer than the attempt's bound (a login shared with other calls goes on for them). */
export async function tokenStep(getToken: TokenGetter, abort: CallAbort): Promise<TokenStep> {
  if (abort.signal?.aborted) return { stopped: true, ...stoppedBy(abort) };
  try {
    // Every token source stops waiting as soon as the call's signal fires (settleWithin).
    return { token: await getToken(abort) };
  } catch (failure) {
    return abort.signal?.aborted ? { stopped: true, ...stoppedBy(abort) } : { stopped: false, failure };
  }
}

/** The call's bound fired before its request was sent: nothing left. */
export const stoppedBeforeSending = (token: string | undefined, abort: CallAbort): Attempt => ({ step: 'send', token, neverSent: true, ...stoppedBy(abort) });

/** The data of a plain success, else undefined (the failure path then reads the answer in full). */
export function plainData(response: TransportResponse): object | undefined {
  try {
    if (response.truncated || !(response.status >= 200 && response.status <= 299)) return undefined;
    const body: unknown = JSON.parse(response.body);
    if (!isRecord(body) || (body.errors !== undefined && body.errors !== null)) return undefined;
    return isRecord(body.data) ? body.data : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What bounds the wait for a token, as the token source reads it. */
export const boundOf = (abort: CallAbort): CallBound | undefined => (abort.signal === undefined ? undefined : { signal: abort.signal, reason: abort.reason });
