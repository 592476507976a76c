// Step: the client's token in the Authorization header, after the hooks (so none of them sees it). A call
// bringing its own Authorization, and a client without auth, send no token of the client's.
import { KrakenError } from '../../core/errors.js';
import { onFirstNeed } from '../../core/runtime.js';
import type { TokenSource } from '../../session/token-source.js';
import { SendFailure } from '../chain.js';
import type { Step } from '../chain.js';
import { NOT_HEADER_SAFE } from '../config.js';

const loadLoginFailure = onFirstNeed(() => import('../failure/login-failure.js'));

/** `loginName`: the login operation, which (called directly) sends no token either. */
export function auth(tokens: TokenSource | undefined, prefix: string, timeoutMs: number, loginName: string): Step {
  if (tokens === undefined) return (call, next) => next(call);
  return async (call, next) => {
    if (call.baseHeaders.authorization !== undefined || call.operation.operationName === loginName) return next(call);
    const { abort } = call;
    const signal = abort?.signal;
    // Stopped before it began: no token is asked for, so the error is the request's, not a login's.
    if (signal?.aborted) throw new SendFailure(signal.reason, true);
    let token = call.renewedToken;
    call.renewedToken = undefined;
    try {
      token ??= await tokens.token(signal && abort && { signal, reason: abort.reason });
    } catch (failure) {
      throw (await loadLoginFailure()).tokenFailure(call, failure, abort, timeoutMs);
    }
    if (token === undefined) return next(call);
    if (NOT_HEADER_SAFE.test(token)) {
      const name = call.operation.operationName;
      throw new KrakenError({
        kind: 'auth',
        message: `${name}: the token holds a character not allowed in an HTTP header (CR, LF, NUL or another control character), so it was not sent; the token is not shown.`,
        operationName: name,
        mayHaveReachedServer: false,
        stage: 'login',
        attempts: 0,
      });
    }
    call.token = token;
    call.headers = { ...(call.headers ?? call.baseHeaders), authorization: `${prefix}${token}` };
    return next(call);
  };
}
