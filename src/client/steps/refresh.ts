// Step: Kraken said the token expired (KT-CT-1124): renew it (once per call) and send again with the new one.
import { createCallAbort } from '../../core/abort.js';
import { KrakenError, TOKEN_EXPIRED_CODE } from '../../core/errors.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { TokenSource } from '../../session/token-source.js';
import type { Step } from '../chain.js';

const loadLoginFailure = onFirstNeed(() => import('../failure/step-errors.js'));

export function refresh(tokens: TokenSource, timeoutMs: number): Step {
  return async (call, next) => {
    try {
      return await next(call);
    } catch (error) {
      const token = call.token;
      if (!(error instanceof KrakenError) || token === undefined || !error.codes.includes(TOKEN_EXPIRED_CODE)) throw error;
      const abort = createCallAbort(call.requestOptions?.signal, timeoutMs);
      let renewed: string | undefined;
      try {
        renewed = await tokens.tokenRejected(token, abort.signal && { signal: abort.signal, reason: abort.reason });
      } catch (failure) {
        throw (await loadLoginFailure()).tokenFailure(call, failure, abort, timeoutMs);
      } finally {
        abort.dispose();
      }
      if (renewed === undefined) throw error;
      call.renewedToken = renewed;
      call.attempt += 1;
      return next(call);
    }
  };
}
