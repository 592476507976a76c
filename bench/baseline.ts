// The hand-written minimal GraphQL call every comparison is made against.
import type { FetchFunction } from '../src/index.js';

export function minimalRequest(fetchFunction: FetchFunction, url: string, query: string, variables: unknown, signal?: AbortSignal): Promise<unknown> {
  return fetchFunction(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    ...(signal === undefined ? {} : { signal }),
  }).then((response) => response.json());
}
