// The end of the chain: one request through the transport, its answer read once (JSON parsed once).
import { SendFailure } from '../chain.js';
import type { Answer, Next } from '../chain.js';
import type { KrakenTransport, TransportResponse } from '../transport.js';
import { wasNotSent } from '../transport.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The answer, with its data when it is a plain success (2xx, whole JSON, object `data`, no `errors`). */
function answerOf(response: TransportResponse): Answer {
  let body: unknown;
  try {
    body = response.truncated ? undefined : JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  const plain = response.status >= 200 && response.status <= 299 && isRecord(body) && (body.errors === undefined || body.errors === null) && isRecord(body.data);
  return { response, body, data: plain ? (body as { data: object }).data : undefined };
}

export function send(transport: KrakenTransport, maxResponseBytes: number): Next {
  return (call) => {
    const signal = call.abort?.signal;
    if (signal?.aborted) return Promise.reject(new SendFailure(signal.reason, true));
    const failed = (failure: unknown): never => {
      const neverSent = wasNotSent(failure);
      // An attempt its own signal stopped before anything left was not a send.
      if (!(neverSent && signal?.aborted)) call.sends += 1;
      throw new SendFailure(failure, neverSent);
    };
    const { operation, variables, body } = call;
    let sending: Promise<TransportResponse>;
    try {
      sending = transport({ url: call.endpoint.url, operation, variables, body, headers: call.headers ?? call.baseHeaders, signal, maxResponseBytes });
    } catch (failure) {
      // A transport that throws instead of rejecting fails the same way.
      return Promise.reject(failure).catch(failed);
    }
    return Promise.resolve(sending).then((response) => {
      call.sends += 1;
      return answerOf(response);
    }, failed);
  };
}
