// Step: Kraken said the token expired (KT-CT-1124): renew it (once per call) and send again with the new one.
import { createCallAbort } from '../../core/abort.js';
import { KrakenError, TOKEN_EXPIRED_CODE } from '../../core/errors.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { TokenSource } from '../../session/token-source.js';
import type { Answer, CallState, Next, Step } from '../chain.js';

const loadErrors = onFirstNeed(() => import('../failure/step-errors.js'));

export function refresh(tokens: TokenSource, timeoutMs: number): Step {
  const again = async (call: CallState, next: Next, error: unknown): Promise<Answer> => {
    const sent = call.token;
    if (!(error instanceof KrakenError) || sent === undefined || !error.codes.includes(TOKEN_EXPIRED_CODE)) throw error;
    const abort = createCallAbort(call.requestOptions?.signal, timeoutMs);
    let renewed: string | undefined;
    try {
      renewed = await tokens.tokenRejected(sent, abort.signal && { signal: abort.signal, reason: abort.reason });
    } catch (failure) {
      throw (await loadErrors()).tokenFailure(call, failure, abort, timeoutMs);
    } finally {
      abort.dispose();
    }
    if (renewed === undefined) throw error;
    call.renewedToken = renewed;
    call.attempt += 1;
    // A second KT-CT-1124 is not caught here: the call fails with it.
    return next(call);
  };
  return (call, next) => next(call).catch((error: unknown) => again(call, next, error));
}
