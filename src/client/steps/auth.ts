// Step: the client's token in the Authorization header, after the hooks (so none of them sees it). A call
// bringing its own Authorization, and a client without auth, send no token of the client's.
import { onFirstNeed } from '../../core/runtime.js';
import type { TokenSource } from '../../session/token-source.js';
import { SendFailure } from '../chain.js';
import type { Answer, Step } from '../chain.js';
import { NOT_HEADER_SAFE } from '../config.js';

const loadErrors = onFirstNeed(() => import('../failure/step-errors.js'));

/** `loginName`: the login operation, which (called directly) sends no token either. */
export function auth(tokens: TokenSource | undefined, prefix: string, timeoutMs: number, loginName: string): Step {
  if (tokens === undefined) return (call, next) => next(call);
  return (call, next) => {
    if (call.baseHeaders.authorization !== undefined || call.operation.operationName === loginName) return next(call);
    const { abort } = call;
    const signal = abort?.signal;
    // Stopped before it began: no token is asked for, so the error is the request's, not a login's.
    if (signal?.aborted) return Promise.reject(new SendFailure(signal.reason, true));
    const send = (token: string | undefined): Promise<Answer> => {
      if (token === undefined) return next(call);
      if (NOT_HEADER_SAFE.test(token)) return loadErrors().then((errors) => Promise.reject(errors.unsafeTokenError(call)));
      call.token = token;
      call.headers = { ...(call.headers ?? call.baseHeaders), authorization: `${prefix}${token}` };
      return next(call);
    };
    const renewed = call.renewedToken;
    call.renewedToken = undefined;
    if (renewed !== undefined) return send(renewed);
    return tokens.token(signal && abort && { signal, reason: abort.reason }).then(send, (failure: unknown) =>
      loadErrors().then((errors) => Promise.reject(errors.tokenFailure(call, failure, abort, timeoutMs))),
    );
  };
}
