// Loaded when first used: walking a Relay connection (`paginate`) and reading the points allowance
// (`rateLimit()`). Both are ordinary calls of the client: auth, retries and the rate-limit pause apply.
import type { KrakenClient } from '../types.js';
import type { KrakenConnection, KrakenDocument } from '../../core/document.js';
import { KrakenError } from '../../core/errors.js';
import type { KrakenRequestOptions } from './call.js';
import type { PaginationFailure } from './pagination-error.js';
import type { KrakenPage, KrakenRateLimit, PaginatedDocument, PaginateOptions } from './traffic-types.js';

/**
 * What a passed cursor is remembered by: itself when short (Kraken's are tens of characters), else its length and
 * two 32-bit FNV-1a hashes, so that a server's huge cursors cannot grow a walk's memory page after page.
 */
function cursorKey(cursor: string): string {
  if (cursor.length <= 256) return cursor;
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let index = 0; index < cursor.length; index += 1) {
    const code = cursor.charCodeAt(index);
    low = Math.imul(low ^ code, 16777619);
    high = Math.imul(high ^ code, 16777619);
  }
  return `${cursor.length}#${low}#${high}`;
}

/** Made where walks are; `instanceof` PaginationError (pagination-error.ts) holds through its brand. */
class PaginationError extends Error {
  override readonly name = 'PaginationError';
}

function fail(reason: PaginationFailure, message: string, page = 0): never {
  throw Object.defineProperty(Object.assign(new PaginationError(`paginate: ${message}`), { reason, page }), Symbol.for('kraken-sdk.PaginationError.v1'), { value: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveWhole(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  return Number.isInteger(value) && (value as number) > 0 ? (value as number) : fail('bad-option', `${name} must be a whole number ≥ 1, got ${String(value)}.`);
}

/** The connection the walk follows: the only one, or the one `connection` names. */
function chosenConnection(document: PaginatedDocument, name: string | undefined): KrakenConnection {
  const meta = document?.kraken;
  const connections: Readonly<Record<string, KrakenConnection>> = meta?.connections ?? {};
  const names = Object.keys(connections);
  const operation = meta?.operationName || 'the document';
  if (names.length === 0) fail('no-connection', `${operation} has no connection: generate it with \`generate --schema\`.`);
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  // Own names only: `toString` and the like are not connections.
  return (chosen !== undefined && Object.hasOwn(connections, chosen) && connections[chosen]) || fail('no-connection', `${operation}: connection must be one of ${names.join(', ')}, got ${chosen}.`);
}

/** The value at `path` in a response's data, or the first parent on it that is not an object (null: nothing to walk). */
function valueAt(data: unknown, path: readonly string[]): unknown {
  let value = data;
  for (const key of path) {
    if (!isRecord(value)) return value;
    value = value[key];
  }
  return value;
}

/**
 * A page's nodes and pageInfo. No connection (it or a parent on its path is null): an empty last page. Anything else
 * that is not an object or list where one belongs is a malformed answer, not an end; no pageInfo: `unselected()`.
 */
function pageOf(data: unknown, path: readonly string[], number: number, unselected: () => never): { nodes: unknown[]; pageInfo: Record<string, unknown> } {
  const malformed = (what: string, value: unknown, expected: string): never =>
    fail('malformed-page', `page ${number} of ${path.join('.')}: ${what} is of type ${typeof value}, not ${expected}.`, number);
  const at = valueAt(data, path);
  if (at == null) return { nodes: [], pageInfo: {} };
  const found = isRecord(at) ? at : malformed('the connection', at, 'an object');
  const edges: unknown = found.edges ?? [];
  const nodes = Array.isArray(edges) ? edges.flatMap((edge: { readonly node?: unknown } | null) => (edge?.node != null ? [edge.node] : [])) : malformed('edges', edges, 'a list');
  const info = found.pageInfo;
  return { nodes, pageInfo: isRecord(info) ? info : info === undefined ? unselected() : malformed('pageInfo', info, 'an object') };
}

/** Walks the connection: one page per call, until the server says there is no more. */
async function* walkPages(
  client: KrakenClient,
  document: PaginatedDocument,
  variables: object | undefined,
  options: PaginateOptions | undefined,
): AsyncGenerator<KrakenPage<unknown, unknown>, void, undefined> {
  const { connection: connectionName, pageSize, maxPages: pagesAllowed, ...requestOptions } = options ?? {};
  const connection = chosenConnection(document, connectionName);
  const [hasKey, cursorName] = connection.direction === 'backward' ? ['hasPreviousPage', 'startCursor'] : ['hasNextPage', 'endCursor'];
  const path = connection.path.join('.');
  const maxPages = positiveWhole('maxPages', pagesAllowed, 1_000);
  // The largest page within Kraken's 10,000-node limit (KT-CT-1189) and the generator's startPageSize (within
  // complexity): no walk starts with a refused request.
  const byNodes = Math.floor(10_000 / (connection.nodesPerItem ?? 1));
  // Kraken refuses `first`/`last` above 100.
  let size = Math.max(1, Math.min(100, byNodes, connection.startPageSize ?? 100, positiveWhole('pageSize', pageSize, 100)));
  // Fingerprints of the cursors passed (cursorKey): enough to catch a server sending one again.
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let number = 1; ; number += 1) {
    if (number > maxPages) fail('max-pages', `${document.kraken.operationName}: more pages than maxPages (${maxPages}).`, number - 1);
    let data: unknown;
    for (;;) {
      try {
        data = await client.request(document, { ...variables, [connection.sizeVariable]: size, [connection.cursorVariable]: cursor ?? null } as never, requestOptions as KrakenRequestOptions);
        break;
      } catch (error) {
        // Too complex (KT-CT-1188) or too many nodes (KT-CT-1189) is refused before running, and both grow with
        // the page size: a smaller page is safe to ask for.
        if (error instanceof KrakenError && (error.code === 'KT-CT-1188' || error.code === 'KT-CT-1189') && size > 1) size = Math.ceil(size / 2);
        else throw error;
      }
    }
    const { nodes, pageInfo } = pageOf(data, connection.path, number, () =>
      fail('missing-page-info', `${document.kraken.operationName} must select pageInfo { ${hasKey} ${cursorName} } on ${path}.`, number),
    );
    const hasMore = pageInfo[hasKey] === true;
    const given = pageInfo[cursorName];
    const next = typeof given === 'string' && given ? given : undefined;
    if (hasMore) {
      if (next === undefined) fail('missing-cursor', `page ${number} of ${path}: ${hasKey} without ${cursorName}.`, number);
      const key = cursorKey(next);
      if (seen.has(key)) fail('stuck-cursor', `page ${number} of ${path}: ${cursorName} already seen.`, number);
      seen.add(key);
    }
    yield { number, nodes, data, hasMore, cursor: next };
    if (!hasMore) return;
    cursor = next;
  }
}

/**
 * The nodes of the walk's pages, one by one. A plain iterator: an async generator costs several promise turns
 * per node, which made walking 2.1x a hand-written cursor loop. It is asked for one node at a time: the client's
 * iterator (client.ts) is an async generator, which queues a `next()` made while another waits.
 */
function walkNodes(pages: AsyncGenerator<KrakenPage<unknown, unknown>, void, undefined>): AsyncIterableIterator<unknown> {
  let nodes: readonly unknown[] = [];
  let index = 0;
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (index >= nodes.length) {
        const page = await pages.next();
        if (page.done) return page;
        nodes = page.value.nodes;
        index = 0;
      }
      return { value: nodes[index++], done: false };
    },
    return: async (value?: unknown) => {
      await pages.return();
      return { value, done: true };
    },
  };
}

/** The walk's iterator: pages, or their nodes. */
export function paginate(
  client: KrakenClient,
  document: PaginatedDocument,
  variables: object | undefined,
  options: object | undefined,
  pages: boolean,
): AsyncIterableIterator<unknown> {
  const walk = walkPages(client, document, variables, options as PaginateOptions | undefined);
  return pages ? walk : walkNodes(walk);
}

/** The query `rateLimit()` sends (written here, not generated: the brands' pages document mutations only). */
const RATE_LIMIT_DOCUMENT: KrakenDocument<unknown, Record<string, never>> = {
  kraken: {
    operationName: 'KrakenSdkRateLimit',
    text: 'query KrakenSdkRateLimit{rateLimitInfo{pointsAllowanceRateLimit{limit remainingPoints usedPoints ttl isBlocked}}}',
    endpoint: 'api',
  },
};

/** The points allowance; a blocked one is recorded as a pause until it resets (so other calls wait or fail without sending). */
/** `paused`: records a pause for the client's identity (clamped to the longest a server's word sets); `now`: the client's clock. */
export async function rateLimit(client: KrakenClient, { paused, now }: { paused: (untilMs: number) => Promise<void>; now: () => number }, options: KrakenRequestOptions | undefined): Promise<KrakenRateLimit> {
  const data = await client.request(RATE_LIMIT_DOCUMENT, undefined, options).catch((error: unknown) => {
    // The refused call's facts (status, origin, errors…) kept, with a message that says what it means.
    throw error instanceof KrakenError && error.kind === 'graphql' && error.errors.some((entry) => entry.message.includes('rateLimitInfo'))
      ? new KrakenError({ ...error, message: 'rateLimit(): this server has no rateLimitInfo field.', cause: error })
      : error;
  });
  // The numbers' types are checked just below.
  type Read = Record<'limit' | 'remainingPoints' | 'usedPoints' | 'ttl', number> & { readonly isBlocked?: unknown };
  const { limit, remainingPoints, usedPoints, ttl, isBlocked: blocked } = (Object(valueAt(data, ['rateLimitInfo', 'pointsAllowanceRateLimit'])) as Read);
  if (![limit, remainingPoints, usedPoints, ttl].every(Number.isFinite)) {
    throw new KrakenError({ kind: 'http', message: 'rateLimit(): limit remainingPoints usedPoints ttl must be numbers.', operationName: RATE_LIMIT_DOCUMENT.kraken.operationName });
  }
  const resetsAt = ttl * 1000;
  const isBlocked = blocked === true;
  if (isBlocked && resetsAt > now()) await paused(resetsAt);
  return { limit, remainingPoints, usedPoints, resetsAt, isBlocked };
}
