// Issue 20: paginate walks a Relay connection page by page against the mock (which pages as Kraken does,
// refusing first > 100), and ends with an error instead of looping when the server does not move on.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer } from '../../mocks/node.js';
import type { MockKrakenServer } from '../../mocks/node.js';
import { createKrakenClient, isKrakenError, PaginationError } from '../../src/client/index.js';
import { CONNECTION_SDL, PlainQueryDocument, TransactionsDocument, TwoConnectionsDocument } from './fixture.js';

let roomy: MockKrakenServer;
let strict: MockKrakenServer;
beforeAll(async () => {
  [roomy, strict] = await Promise.all([
    // The mock's complexity rule counts pageInfo once per node too, so a page of 100 needs a roomier limit.
    startMockKrakenServer({ brand: 'st', schema: CONNECTION_SDL, connectionLength: 250, limits: { complexity: 1_000 } }),
    startMockKrakenServer({ brand: 'st', schema: CONNECTION_SDL, connectionLength: 250 }),
  ]);
});
afterAll(async () => {
  await roomy?.close();
  await strict?.close();
});

const clientOf = (server: MockKrakenServer) => createKrakenClient({ endpoint: server.apiUrl });
const answering = (body: (call: number) => unknown) => {
  let calls = 0;
  return createKrakenClient({
    endpoint: 'https://kraken.example.test/v1/graphql/',
    retry: false,
    fetch: () => Promise.resolve(new Response(JSON.stringify(body((calls += 1))), { headers: { 'content-type': 'application/json' } })),
  });
};
const page = (nodes: number, hasNextPage: boolean, endCursor: string | null) => ({
  data: { account: { transactions: { edges: Array.from({ length: nodes }, (_, index) => ({ node: { id: `n${index}`, amount: 1 } })), pageInfo: { hasNextPage, endCursor } } } },
});

describe('paginate', () => {
  it('reads 250 nodes in pages of at most 100, each node once, in order, stable across walks', async () => {
    const client = clientOf(roomy);
    const sizes: number[] = [];
    const ids: string[] = [];
    for await (const walked of client.paginate(TransactionsDocument, { number: 'A-1' }).pages()) {
      sizes.push(walked.nodes.length);
      ids.push(...walked.nodes.map((node) => node.id));
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(ids).size).toBe(250);
    expect(roomy.state.countOf('Transactions')).toBe(3);
    const again: string[] = [];
    for await (const node of client.paginate(TransactionsDocument, { number: 'A-1' })) again.push(node.id);
    expect(again).toEqual(ids);
  });

  it('clamps a page size above 100 to 100 (the mock, like Kraken, refuses first: 101)', async () => {
    const client = clientOf(roomy);
    const refused = await client.request(TransactionsDocument, { number: 'A-1', first: 101 }).catch((error: unknown) => error);
    expect(isKrakenError(refused) && refused.message).toMatch(/exceeds the "first" limit of 100/);
    const sizes: number[] = [];
    for await (const walked of client.paginate(TransactionsDocument, { number: 'A-1' }, { pageSize: 500 }).pages()) sizes.push(walked.nodes.length);
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('a page refused as too complex (KT-CT-1188) is asked for again at half the size: nothing ran', async () => {
    const sizes: number[] = [];
    for await (const walked of clientOf(strict).paginate(TransactionsDocument, { number: 'A-1' }).pages()) sizes.push(walked.nodes.length);
    expect(sizes).toEqual([50, 50, 50, 50, 50]);
    expect(strict.state.requests.filter((record) => record.errorCodes.includes('KT-CT-1188'))).toHaveLength(1);
  });

  it('keeps pages under the node limit when the connection says what an item costs', async () => {
    const costly = { ...TransactionsDocument, kraken: { ...TransactionsDocument.kraken, connections: { 'account.transactions': { ...TransactionsDocument.kraken.connections['account.transactions'], nodesPerItem: 400 } } } };
    const sizes: number[] = [];
    for await (const walked of clientOf(roomy).paginate(costly, { number: 'A-1' }).pages()) {
      sizes.push(walked.nodes.length);
      if (sizes.length === 2) break;
    }
    expect(sizes).toEqual([25, 25]);
  });

  it('a cursor that does not move ends with a stuck-cursor error instead of looping', async () => {
    const client = answering(() => page(2, true, 'same'));
    const error = await (async () => {
      for await (const _ of client.paginate(TransactionsDocument, { number: 'A-1' })) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ reason: 'stuck-cursor', page: 2, message: 'paginate: page 2 of account.transactions: endCursor already seen.' });
  });

  it('huge cursors: the walk remembers them by fingerprint, so memory does not grow with pages × cursor size; a repeat is still caught', async () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const huge = (call: number) => `${'c'.repeat(400_000)}-${call}`;
    const heapAt: number[] = [];
    for await (const walked of answering((call) => page(1, call < 60, huge(call))).paginate(TransactionsDocument, { number: 'A-1' }).pages()) {
      if (walked.number === 2 || walked.number === 60) {
        collect();
        heapAt.push(process.memoryUsage().heapUsed);
      }
    }
    // Kept whole, 58 more cursors of 400 KB each would be 23 MB more.
    expect((heapAt[1] as number) - (heapAt[0] as number)).toBeLessThan(8_000_000);
    // A → B → A with huge cursors still stops at the repeat.
    const cycle = [huge(1), huge(2), huge(1)];
    const error = await (async () => {
      for await (const _ of answering((call) => page(1, true, cycle[call - 1] ?? huge(call))).paginate(TransactionsDocument, { number: 'A-1' })) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ reason: 'stuck-cursor', page: 3 });
  });

  it('hasNextPage without a cursor ends with a missing-cursor error', async () => {
    const client = answering(() => page(1, true, null));
    const pages = client.paginate(TransactionsDocument, { number: 'A-1' }).pages()[Symbol.asyncIterator]();
    await expect(pages.next()).rejects.toMatchObject({ name: 'PaginationError', reason: 'missing-cursor', page: 1, message: 'paginate: page 1 of account.transactions: hasNextPage without endCursor.' });
  });

  it.each([
    ['the connection a number', { account: { transactions: 5 } }, 'the connection is of type number, not an object'],
    ['a parent a string', { account: 'closed' }, 'the connection is of type string, not an object'],
    ['edges a string', { account: { transactions: { edges: 'x', pageInfo: { hasNextPage: false, endCursor: null } } } }, 'edges is of type string, not a list'],
    ['edges an object', { account: { transactions: { edges: { node: { id: 'n1' } }, pageInfo: { hasNextPage: false, endCursor: null } } } }, 'edges is of type object, not a list'],
    ['pageInfo a string', { account: { transactions: { edges: [], pageInfo: 'yes' } } }, 'pageInfo is of type string, not an object'],
  ])('a malformed page (%s) ends with a malformed-page error, not a silent empty end', async (_case, data, what) => {
    const client = answering(() => ({ data }));
    const pages = client.paginate(TransactionsDocument, { number: 'A-1' }).pages()[Symbol.asyncIterator]();
    await expect(pages.next()).rejects.toMatchObject({ name: 'PaginationError', reason: 'malformed-page', page: 1, message: `paginate: page 1 of account.transactions: ${what}.` });
  });

  it('a null connection or parent is an empty last page, as before', async () => {
    for (const data of [{ account: null }, { account: { transactions: null } }]) {
      const nodes: unknown[] = [];
      for await (const node of answering(() => ({ data })).paginate(TransactionsDocument, { number: 'A-1' })) nodes.push(node);
      expect(nodes).toEqual([]);
    }
  });

  it('maxPages bounds the walk with a max-pages error; a finite default applies', async () => {
    const client = answering((call) => page(1, true, `c${call}`));
    let nodes = 0;
    const error = await (async () => {
      for await (const _ of client.paginate(TransactionsDocument, { number: 'A-1' }, { maxPages: 3 })) nodes += 1;
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'PaginationError', reason: 'max-pages', page: 3, message: 'paginate: Transactions: more pages than maxPages (3).' });
    expect(nodes).toBe(3);
    const endless = answering((call) => page(0, true, `c${call}`));
    await expect((async () => { for await (const _ of endless.paginate(TransactionsDocument, { number: 'A-1' })) void _; })()).rejects.toMatchObject({ reason: 'max-pages', page: 1000 });
  });

  it('a pageSize or maxPages that is not a whole number ≥ 1: a bad-option error naming it and the value', async () => {
    const client = answering((call) => page(1, true, `c${call}`));
    const walk = async (options: object) => {
      for await (const _ of client.paginate(TransactionsDocument, { number: 'A-1' }, options)) void _;
    };
    await expect(walk({ pageSize: 0 })).rejects.toMatchObject({ name: 'PaginationError', reason: 'bad-option', page: 0, message: 'paginate: pageSize must be a whole number ≥ 1, got 0.' });
    await expect(walk({ maxPages: 1.5 })).rejects.toMatchObject({ reason: 'bad-option', message: 'paginate: maxPages must be a whole number ≥ 1, got 1.5.' });
    await expect(walk({ maxPages: '3' })).rejects.toMatchObject({ reason: 'bad-option', message: 'paginate: maxPages must be a whole number ≥ 1, got 3.' });
  });

  it('next() called without waiting (not only by for-await) still gives every node once, in order, then done', async () => {
    const client = answering((call) => page(3, call < 3, call < 3 ? `c${call}` : null));
    const iterator = client.paginate(TransactionsDocument, { number: 'A-1' })[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 11 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? 'done' : result.value.id))).toEqual(['n0', 'n1', 'n2', 'n0', 'n1', 'n2', 'n0', 'n1', 'n2', 'done', 'done']);
    expect(await iterator.return?.()).toEqual({ value: undefined, done: true });
  });

  it('a page that fails: the next() waiting for it rejects, those after it are done', async () => {
    const client = answering((call) => (call === 1 ? page(2, true, 'c1') : { data: null, errors: [{ message: 'Refused.' }] }));
    const iterator = client.paginate(TransactionsDocument, { number: 'A-1' })[Symbol.asyncIterator]();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => iterator.next()));
    expect(results.map((result) => (result.status === 'rejected' ? result.reason.name : result.value.done ? 'done' : result.value.value.id))).toEqual(['n0', 'n1', 'KrakenError', 'done']);
  });

  it('a signal stops the walk; leaving a for-await early asks for no further page', async () => {
    const controller = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _ of clientOf(roomy).paginate(TransactionsDocument, { number: 'A-1' }, { signal: controller.signal })) {
        seen += 1;
        if (seen === 100) controller.abort();
      }
    })().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'network', reason: 'abort' });
    const before = roomy.state.countOf('Transactions');
    for await (const _ of clientOf(roomy).paginate(TransactionsDocument, { number: 'A-1' })) break;
    expect(roomy.state.countOf('Transactions') - before).toBe(1);
  });

  it('a document with several connections walks the one named; without metadata, a clear error', async () => {
    const ids: string[] = [];
    for await (const node of answering(() => page(3, false, null)).paginate(TwoConnectionsDocument, undefined, { connection: 'account.transactions' })) ids.push(node.id);
    expect(ids).toEqual(['n0', 'n1', 'n2']);
    const plain = answering(() => page(0, false, null)) as unknown as { paginate(document: unknown): AsyncIterable<unknown> };
    await expect((async () => { for await (const _ of plain.paginate(PlainQueryDocument)) void _; })()).rejects.toMatchObject({ reason: 'no-connection', message: 'paginate: Plain has no connection: generate it with `generate --schema`.' });
    const unnamed = answering(() => page(0, false, null)) as unknown as { paginate(document: unknown, variables?: unknown, options?: unknown): AsyncIterable<unknown> };
    await expect((async () => { for await (const _ of unnamed.paginate(TwoConnectionsDocument)) void _; })()).rejects.toThrow('paginate: Two: connection must be one of account.transactions, other.transactions, got undefined.');
    await expect((async () => { for await (const _ of unnamed.paginate(TwoConnectionsDocument, undefined, { connection: 'nope' })) void _; })()).rejects.toThrow(/^paginate: Two: connection must be one of .*, got nope\.$/);
    // A name an object inherits is not a connection either.
    await expect((async () => { for await (const _ of unnamed.paginate(TwoConnectionsDocument, undefined, { connection: 'toString' })) void _; })()).rejects.toMatchObject({ name: 'PaginationError', reason: 'no-connection', message: 'paginate: Two: connection must be one of account.transactions, other.transactions, got toString.' });
  });
});
