// Step: the `beforeRequest` and `afterResponse` hooks, around each attempt. They run before the token is
// set: the headers a hook sees never hold an Authorization (a call's own is put back after the hooks).
import { KrakenError } from '../../core/errors.js';
import type { Answer, Step } from '../chain.js';
import { hookCallOf } from '../hooks.js';

export const requestHooks: Step = async (call, next) => {
  const { beforeRequest, afterResponse } = call.hooks ?? {};
  if (beforeRequest === undefined && afterResponse === undefined) return next(call);
  const told = { ...hookCallOf(call), attempt: call.attempt };
  if (beforeRequest !== undefined) {
    const { authorization, ...headers } = call.headers ?? call.baseHeaders;
    for (const hook of beforeRequest) await hook({ ...told, headers });
    call.headers = authorization === undefined ? headers : { ...headers, authorization };
  }
  if (afterResponse === undefined) return next(call);
  let answer: Answer;
  try {
    answer = await next(call);
  } catch (error) {
    if (error instanceof KrakenError) for (const hook of afterResponse) await hook({ ...told, status: error.status, codes: error.codes, error });
    throw error;
  }
  for (const hook of afterResponse) await hook({ ...told, status: answer.response.status, codes: [], error: undefined });
  return answer;
};
