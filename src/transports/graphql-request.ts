// `kraken-sdk/graphql-request`: graphql-request as the client's transport, for apps that already use it
// (its middleware, its fetch options). The client still builds the body, validates and classifies the
// answer; graphql-request only carries the request, so both transports behave the same.
import { GraphQLClient } from 'graphql-request';
import type { FetchFunction, KrakenTransport, TransportResponse } from '../client/transport.js';
import { discard, isRedirect, readBody } from '../client/read-body.js';

export interface GraphQLRequestTransportOptions {
  /** The fetch graphql-request calls; defaults to `globalThis.fetch`, read at call time. */
  readonly fetch?: FetchFunction | undefined;
}

/** A transport that sends each request through a graphql-request `GraphQLClient`. */
export function graphqlRequestTransport(options: GraphQLRequestTransportOptions = {}): KrakenTransport {
  return async (request) => {
    let answer: TransportResponse | undefined;
    // graphql-request reads the body itself; this fetch keeps the raw answer (any status, any body) for
    // the client, and hands graphql-request a copy it cannot use to follow redirects.
    const capturingFetch: FetchFunction = async (input, init) => {
      const send = options.fetch ?? globalThis.fetch;
      const response = await send(input, { ...init, redirect: 'manual' });
      if (isRedirect(response)) {
        await discard(response);
        answer = { status: response.status, headers: response.headers, body: '', truncated: false };
      } else {
        const { text, truncated, unreadable } = await readBody(response, request.maxResponseBytes);
        answer = { status: response.status, headers: response.headers, body: text, truncated, unreadable };
      }
      const replay: Pick<Response, 'status' | 'ok' | 'statusText' | 'headers' | 'text'> = {
        status: answer.status,
        ok: answer.status >= 200 && answer.status < 300,
        statusText: response.statusText,
        headers: response.headers,
        text: () => Promise.resolve(answer?.body ?? ''),
      };
      return replay as Response;
    };
    const client = new GraphQLClient(request.url, {
      fetch: capturingFetch,
      method: 'POST',
      // Without Content-Type: graphql-request sets application/json itself, and 6 adds its own beside ours
      // ("application/json, application/json", which a JSON endpoint refuses with 415; found by the peer matrix).
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'content-type')),
      errorPolicy: 'all',
      excludeOperationName: true,
      // The client's precomputed body is sent as is; graphql-request's own parse of the answer is unused.
      jsonSerializer: { stringify: () => request.body, parse: (text: string): unknown => JSON.parse(text) },
    });
    try {
      await client.rawRequest({
        query: request.operation.text,
        ...(request.variables === undefined ? {} : { variables: request.variables as Record<string, unknown> }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    } catch (error) {
      // graphql-request throws for GraphQL errors, non-2xx and non-JSON answers: the client classifies those
      // from the raw answer. Only a failure before any answer (connection, abort) goes on as a rejection.
      if (answer === undefined) throw error;
    }
    if (answer === undefined) throw new Error('graphql-request finished without sending the request.');
    return answer;
  };
}
