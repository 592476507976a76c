// A fetch that never leaves the process: answers from precomputed JSON so the bench measures the
// caller, not a server. Each call still builds a real Response, as a real fetch would.
import type { FetchFunction } from '../src/index.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Always answers with the same JSON body. */
export function fixedJsonFetch(body: unknown): FetchFunction {
  const text = JSON.stringify(body);
  return () => Promise.resolve(new Response(text, { status: 200, headers: JSON_HEADERS }));
}
