// The hooks' bodies (hooks.ts), loaded by their steps the first time a call has hooks.
import { KrakenError } from '../core/errors.js';
import { operationTypeOf } from '../core/operation-type.js';
import { untilAborted } from './hook-bound.js';
import type { Answer, CallState, Next } from './chain.js';
import type { HookCall } from './hooks.js';

/** beforeRequest, then the attempt, then afterResponse (answered or not). */
export async function aroundAttempt(call: CallState, next: Next): Promise<Answer> {
  const { beforeRequest, afterResponse = [] } = call.hooks ?? {};
  const told = { ...hookCallOf(call), attempt: call.attempt };
  if (beforeRequest) {
    const { authorization, ...headers } = call.headers ?? call.baseHeaders;
    for (const hook of beforeRequest) await untilAborted(call, hook({ ...told, headers }), 'beforeRequest');
    // A hook may add headers, not the framing or connection ones (the transport's, refused in options too) nor a token (the auth step's, set after).
    for (const name of Object.keys(headers)) if (/^(content-length|transfer-encoding|host|keep-alive|upgrade|expect|authorization)$/i.test(name)) delete headers[name];
    call.headers = authorization === undefined ? headers : { ...headers, authorization };
  }
  const after = async (status: number | undefined, codes: readonly string[], error?: KrakenError): Promise<void> => {
    for (const hook of afterResponse) await untilAborted(call, hook({ ...told, status, codes, error }), 'afterResponse');
  };
  const answer = await next(call).catch(async (error: unknown) => {
    if (error instanceof KrakenError) await after(error.status, error.codes, error);
    throw error;
  });
  await after(answer.response.status, []);
  return answer;
}

/** The beforeError hooks, each of which may replace the error. */
export async function replacedError(call: CallState, error: KrakenError): Promise<KrakenError> {
  let current = error;
  for (const hook of call.hooks?.beforeError ?? []) {
    const replaced = await untilAborted(call, hook({ ...hookCallOf(call), error: current }), 'beforeError');
    if (replaced instanceof KrakenError) current = replaced;
  }
  return current;
}

/** What hooks are told of a call. */
function hookCallOf(call: { readonly operation: { readonly operationName: string; readonly text: string }; readonly purpose: HookCall['purpose'] }): HookCall {
  return {
    operationName: call.operation.operationName,
    operationType: operationTypeOf(call.operation.text),
    purpose: call.purpose,
  };
}
