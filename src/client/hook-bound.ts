// A hook's run, given up as soon as the call's signal fires: a hook that never settles cannot hold a call past its
// abort. (The client's timeoutMs bounds each attempt's request, not your hooks.) Loaded with the hooks' bodies.
import { KrakenError } from '../core/errors.js';
import type { CallState } from './chain.js';

export function untilAborted<T>(call: CallState, running: T | Promise<T>, hook: string): Promise<T> {
  const signal = call.requestOptions?.signal;
  if (signal === undefined) return Promise.resolve(running);
  return new Promise<T>((resolve, reject) => {
    const name = call.operation.operationName;
    const abort = (): void =>
      reject(
        new KrakenError({
          kind: 'network',
          reason: 'abort',
          message: `${name || 'The call'}: aborted while its ${hook} hook ran.`,
          operationName: name || undefined,
          origin: call.endpoint.origin,
          mayHaveReachedServer: call.sends > 0,
          attempts: call.sends,
          cause: signal.reason,
        }),
      );
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    Promise.resolve(running)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', abort));
  });
}
