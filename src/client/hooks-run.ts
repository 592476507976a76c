// The hooks' bodies (hooks.ts), loaded by their steps the first time a call has hooks.
import { KrakenError } from '../core/errors.js';
import type { Answer, CallState, Next } from './chain.js';
import type { HookCall } from './hooks.js';

/** beforeRequest, then the attempt, then afterResponse (answered or not). */
export async function aroundAttempt(call: CallState, next: Next): Promise<Answer> {
  const { beforeRequest, afterResponse } = call.hooks ?? {};
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
}

/** The beforeError hooks, each of which may replace the error. */
export async function replacedError(call: CallState, error: KrakenError): Promise<KrakenError> {
  let current = error;
  for (const hook of call.hooks?.beforeError ?? []) {
    const replaced = await hook({ ...hookCallOf(call), error: current });
    if (replaced instanceof KrakenError) current = replaced;
  }
  return current;
}

/** What hooks are told of a call. */
function hookCallOf(call: { readonly operation: { readonly operationName: string; readonly text: string }; readonly purpose: HookCall['purpose'] }): HookCall {
  return {
    operationName: call.operation.operationName,
    operationType: /^\s*(query|mutation|subscription)\b/.exec(call.operation.text)?.[1] ?? 'query',
    purpose: call.purpose,
  };
}
