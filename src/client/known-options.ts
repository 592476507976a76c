// Options are plain objects from JavaScript too: a misspelled one (`timeout` for `timeoutMs`) would
// otherwise be ignored without a word. The lists are typed against the interfaces, so a new option
// that is not added here fails the type check.
import type { KrakenClientOptions } from './types.js';
import type { KrakenRequestOptions } from './pipeline/call.js';
import { closestName } from './closest-name.js';

const CLIENT_OPTIONS = Object.keys({
  endpoint: 0, authEndpoint: 0, allowInsecureHttp: 0, transport: 0, fetch: 0, headers: 0, timeoutMs: 0, maxResponseBytes: 0,
  retry: 0, auth: 0, loginDocument: 0, authorizationPrefix: 0, refreshSkewMs: 0, store: 0, onSession: 0, onWarning: 0, now: 0,
  userAgent: 0, debug: 0, hooks: 0,
} satisfies Record<keyof KrakenClientOptions, 0>);

const REQUEST_OPTIONS = Object.keys({ signal: 0, headers: 0, retry: 0, idempotent: 0, hooks: 0 } satisfies Record<keyof KrakenRequestOptions, 0>);

function refuseUnknown(what: string, options: object, known: readonly string[]): void {
  for (const name of Object.keys(options)) {
    if (known.includes(name)) continue;
    const suggestion = closestName(name, known);
    throw new TypeError(`${what} "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
  }
}

export const refuseUnknownClientOptions = (options: object): void => refuseUnknown('createKrakenClient: unknown option', options, CLIENT_OPTIONS);
export const refuseUnknownRequestOptions = (options: object | undefined): void => {
  if (options) refuseUnknown('unknown request option', options, REQUEST_OPTIONS);
};
