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
  return cursor.length <= 256 ? cursor : `${cursor.length}#${fnv1a(cursor, 0x811c9dc5).toString(36)}#${fnv1a(cursor, 0x050c5d1f).toString(36)}`;
}

function fnv1a(text: string, basis: number): number {
  let hash = basis;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  return hash >>> 0;
}

/** A PaginationError (`instanceof` holds through its brand), made where walks are. */
class PaginationError extends Error {
  override readonly name = 'PaginationError';
  constructor(
    readonly reason: PaginationFailure,
    message: string,
    readonly page: number,
  ) {
    super(message);
    Object.defineProperty(this, Symbol.for('kraken-sdk.PaginationError.v1'), { value: true });
  }
}

/** Kraken refuses `first`/`last` above this. */
export const MAX_PAGE_SIZE = 100;
/** Kraken refuses a request of more nodes than this (KT-CT-1189). */
export const MAX_NODES = 10_000;
export const DEFAULT_MAX_PAGES = 1_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function positiveWhole(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new PaginationError('bad-option', `paginate: ${name} must be a whole number ≥ 1, got ${String(value)}.`, 0);
  }
  return value;
}

/** The connection the walk follows: the only one, or the one `connection` names. */
function chosenConnection(document: PaginatedDocument, name: string | undefined): KrakenConnection {
  const meta = document?.kraken;
  const connections = isRecord(meta?.connections) ? meta.connections : {};
  const names = Object.keys(connections);
  const operation = meta?.operationName || 'the document';
  if (names.length === 0) {
    throw new PaginationError('no-connection', `paginate: ${operation} records no Relay connection (kraken.connections); generate it with \`generate --schema\`.`, 0);
  }
  const chosen = name ?? (names.length === 1 ? names[0] : undefined);
  const connection = chosen === undefined ? undefined : connections[chosen];
  if (connection === undefined) {
    throw new PaginationError(
      'no-connection',
      chosen === undefined
        ? `paginate: ${operation} has ${names.length} connections (${names.join(', ')}): say which with the \`connection\` option.`
        : `paginate: ${operation} has no connection "${chosen}" (it has ${names.join(', ')}).`,
      0,
    );
  }
  return connection;
}

/** The connection object in a page's data, or undefined when a parent on its path is null (nothing to walk). */
function connectionIn(data: unknown, path: readonly string[]): Record<string, unknown> | undefined {
  let value = data;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return isRecord(value) ? value : undefined;
}

/** Walks the connection: one page per call, until the server says there is no more. */
export async function* walkPages(
  client: KrakenClient,
  document: PaginatedDocument,
  variables: object | undefined,
  options: PaginateOptions | undefined,
): AsyncGenerator<KrakenPage<unknown, unknown>, void, undefined> {
  const connection = chosenConnection(document, options?.connection);
  const forward = connection.direction !== 'backward';
  const maxPages = positiveWhole('maxPages', options?.maxPages, DEFAULT_MAX_PAGES);
  const byNodes = connection.nodesPerItem === undefined ? MAX_PAGE_SIZE : Math.max(1, Math.floor(MAX_NODES / Math.max(1, connection.nodesPerItem)));
  // The generator's startPageSize (the largest page within complexity and nodes): no walk starts with a refused request.
  let size = Math.min(MAX_PAGE_SIZE, byNodes, connection.startPageSize ?? MAX_PAGE_SIZE, positiveWhole('pageSize', options?.pageSize, MAX_PAGE_SIZE));
  const { connection: _name, pageSize: _size, maxPages: _max, ...requestOptions } = options ?? {};
  const request = requestOptions as KrakenRequestOptions;
  // Fingerprints of the cursors passed (cursorKey): enough to catch a server sending one again.
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let number = 1; ; number += 1) {
    if (number > maxPages) {
      throw new PaginationError('max-pages', `paginate: ${document.kraken.operationName}: stopped after maxPages (${maxPages}) pages while the server had more; raise maxPages to read further.`, number - 1);
    }
    let data: unknown;
    for (;;) {
      try {
        data = await client.request(document, { ...variables, [connection.sizeVariable]: size, [connection.cursorVariable]: cursor ?? null } as never, request);
        break;
      } catch (error) {
        // Too complex (KT-CT-1188) or too many nodes (KT-CT-1189) is refused before running, and both grow with
        // the page size: a smaller page is safe to ask for.
        if (error instanceof KrakenError && (error.code === 'KT-CT-1188' || error.code === 'KT-CT-1189') && size > 1) size = Math.ceil(size / 2);
        else throw error;
      }
    }
    const found = connectionIn(data, connection.path);
    const edges = Array.isArray(found?.edges) ? found.edges : [];
    const nodes = edges.flatMap((edge: unknown) => (isRecord(edge) && edge.node !== null && edge.node !== undefined ? [edge.node] : []));
    let hasMore = false;
    let next: string | undefined;
    if (found !== undefined) {
      const pageInfo = found.pageInfo;
      if (!isRecord(pageInfo)) {
        throw new PaginationError('missing-page-info', `paginate: ${document.kraken.operationName} must select pageInfo { ${forward ? 'hasNextPage endCursor' : 'hasPreviousPage startCursor'} } on ${connection.path.join('.')}.`, number);
      }
      hasMore = (forward ? pageInfo.hasNextPage : pageInfo.hasPreviousPage) === true;
      const given = forward ? pageInfo.endCursor : pageInfo.startCursor;
      next = typeof given === 'string' && given !== '' ? given : undefined;
      if (hasMore && next === undefined) {
        throw new PaginationError('missing-cursor', `paginate: page ${number} of ${connection.path.join('.')} says there is more but gives no ${forward ? 'endCursor' : 'startCursor'}: the walk cannot go on.`, number);
      }
      if (hasMore && next !== undefined && (next === cursor || seen.has(cursorKey(next)))) {
        throw new PaginationError('stuck-cursor', `paginate: page ${number} of ${connection.path.join('.')} returned a cursor already seen: the server does not move on, so the walk stops instead of looping.`, number);
      }
    }
    yield { number, nodes, data, hasMore, cursor: next };
    if (!hasMore || next === undefined) return;
    seen.add(cursorKey(next));
    cursor = next;
  }
}

/**
 * The nodes of the walk's pages, one by one. A plain iterator: an async generator's `yield*` costs several
 * promise turns per node, which made walking 2.1x a hand-written cursor loop. A `next()` made while another
 * waits for a page queues behind it, so nodes keep their order and none is skipped.
 */
function walkNodes(pages: AsyncGenerator<KrakenPage<unknown, unknown>, void, undefined>): AsyncIterableIterator<unknown> {
  let nodes: readonly unknown[] = [];
  let index = 0;
  let waiting = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const nextNode = async (): Promise<IteratorResult<unknown>> => {
    while (index >= nodes.length) {
      const page = await pages.next();
      if (page.done === true) return { value: undefined, done: true };
      nodes = page.value.nodes;
      index = 0;
    }
    return { value: nodes[index++], done: false };
  };
  const settled = (): void => void (waiting -= 1);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => {
      if (waiting === 0 && index < nodes.length) return Promise.resolve({ value: nodes[index++], done: false });
      waiting += 1;
      const result = queue.then(nextNode);
      queue = result.then(settled, settled);
      return result;
    },
    return: async (value?: unknown) => {
      nodes = [];
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
    text: 'query KrakenSdkRateLimit { rateLimitInfo { pointsAllowanceRateLimit { limit remainingPoints usedPoints ttl isBlocked } } }',
    endpoint: 'api',
  },
};

const whole = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The points allowance; a blocked one is recorded as a pause until it resets (so other calls wait or fail without sending). */
/** `paused`: records a pause for the client's identity (clamped to the longest a server's word sets); `now`: the client's clock. */
export async function rateLimit(client: KrakenClient, { paused, now }: { paused: (untilMs: number) => Promise<void>; now: () => number }, options: KrakenRequestOptions | undefined): Promise<KrakenRateLimit> {
  let data: unknown;
  try {
    data = await client.request(RATE_LIMIT_DOCUMENT, undefined, options);
  } catch (error) {
    if (error instanceof KrakenError && error.kind === 'graphql' && error.errors.some((entry) => /rateLimitInfo/.test(entry.message))) {
      throw new KrakenError({
        kind: 'graphql',
        message: `rateLimit(): this server has no rateLimitInfo field (${error.errors[0]?.message ?? 'refused'}), so its points allowance cannot be read.`,
        operationName: RATE_LIMIT_DOCUMENT.kraken.operationName,
        errors: error.errors,
        status: error.status,
        origin: error.origin,
        cause: error,
      });
    }
    throw error;
  }
  const info = isRecord(data) && isRecord(data.rateLimitInfo) ? data.rateLimitInfo.pointsAllowanceRateLimit : undefined;
  const limit = isRecord(info) ? whole(info.limit) : undefined;
  const remainingPoints = isRecord(info) ? whole(info.remainingPoints) : undefined;
  const usedPoints = isRecord(info) ? whole(info.usedPoints) : undefined;
  const ttl = isRecord(info) ? whole(info.ttl) : undefined;
  if (!isRecord(info) || limit === undefined || remainingPoints === undefined || usedPoints === undefined || ttl === undefined) {
    throw new KrakenError({
      kind: 'http',
      message: 'rateLimit(): the server answered rateLimitInfo without a whole pointsAllowanceRateLimit (limit, remainingPoints, usedPoints, ttl).',
      operationName: RATE_LIMIT_DOCUMENT.kraken.operationName,
    });
  }
  const result: KrakenRateLimit = { limit, remainingPoints, usedPoints, resetsAt: ttl * 1000, isBlocked: info.isBlocked === true };
  if (result.isBlocked && result.resetsAt > now()) await paused(result.resetsAt);
  return result;
}
