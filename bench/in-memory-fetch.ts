// A fetch that never leaves the process: answers from precomputed JSON so the bench measures the
// caller, not a server. Each call still builds a real Response, as a real fetch would.
import type { FetchFunction } from '../src/index.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Always answers with the same JSON body. */
export function fixedJsonFetch(body: unknown): FetchFunction {
  const text = JSON.stringify(body);
  return () => Promise.resolve(new Response(text, { status: 200, headers: JSON_HEADERS }));
}

/** Answers `ObtainKrakenToken` with `loginBody` and every other operation with `body`. */
export function loginAwareFetch(body: unknown, loginBody: unknown): FetchFunction & { logins(): number } {
  const text = JSON.stringify(body);
  const loginText = JSON.stringify(loginBody);
  let logins = 0;
  const fetchFunction: FetchFunction & { logins: () => number } = Object.assign(
    (_input: URL | RequestInfo, init?: RequestInit) => {
      // Only the login body carries this operation name; a substring test keeps the fake cheap.
      const isLogin = typeof init?.body === 'string' && init.body.includes('obtainKrakenToken(');
      if (isLogin) logins += 1;
      return Promise.resolve(new Response(isLogin ? loginText : text, { status: 200, headers: JSON_HEADERS }));
    },
    { logins: () => logins },
  );
  return fetchFunction;
}
