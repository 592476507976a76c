// Issue 20: what the rate-limit pause check costs a call, and pagination against a hand-written cursor
// loop. In-process fetch, CPU time, interleaved rounds.
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { measureInterleaved, medianRoundRatio } from '../harness.js';
import { fixedJsonFetch } from '../in-memory-fetch.js';
import { formatNs } from '../table.js';
import type { ResultRow } from '../table.js';
import { AcceptGoodsQuoteDocument, createKrakenClient } from '../../src/brands/st.js';
import { createMemorySessionStore } from '../../src/client/index.js';
import type { FetchFunction, KrakenDocument, KrakenOperation } from '../../src/client/index.js';
import { createPauses } from '../../src/client/pauses.js';
import { clientIdentity } from '../../src/session/identity.js';

const NODES = 250;
const PAGE = 100;

interface Page {
  account: { transactions: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
}
const connections = { 'account.transactions': { path: ['account', 'transactions'], direction: 'forward', sizeVariable: 'first', cursorVariable: 'after' } } as const;
const TransactionsDocument: KrakenDocument<Page, { first?: number | null; after?: string | null }> & { readonly kraken: KrakenOperation & { readonly connections: typeof connections } } = {
  kraken: {
    operationName: 'Transactions',
    endpoint: 'api',
    text: 'query Transactions($first: Int, $after: String) { account(accountNumber: "A-1") { transactions(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }',
    connections,
  },
};

/** Serves the connection's pages from memory (precomputed bodies, one Response per call, as a real fetch builds). */
function pagesFetch(): FetchFunction {
  const bodies = new Map<string | null, string>();
  for (let start = 0; start < NODES; start += PAGE) {
    const end = Math.min(NODES, start + PAGE);
    const page: Page = {
      account: {
        transactions: {
          edges: Array.from({ length: end - start }, (_, index) => ({ node: { id: `t${start + index}` } })),
          pageInfo: { hasNextPage: end < NODES, endCursor: end < NODES ? `c${end}` : null },
        },
      },
    };
    bodies.set(start === 0 ? null : `c${start}`, JSON.stringify({ data: page }));
  }
  return (_url, init) => {
    const after = (JSON.parse(String(init?.body)) as { variables?: { after?: string | null } }).variables?.after ?? null;
    return Promise.resolve(new Response(bodies.get(after) ?? '{"data":null}', { status: 200, headers: { 'content-type': 'application/json' } }));
  };
}

export async function traffic(): Promise<ResultRow[]> {
  const fetch = fixedJsonFetch(acceptGoodsQuoteResponse);
  const plain = createKrakenClient({ endpoint: ENDPOINT, fetch });
  const shared = createKrakenClient({ endpoint: ENDPOINT, fetch, store: createMemorySessionStore() });
  // The check a call makes of a client without a pause (steps/pause.ts).
  const pauses = createPauses(undefined, Date.now, undefined, undefined, 0);
  const identity = clientIdentity(ENDPOINT, undefined);
  const call = (client: typeof plain) => () => client.request(AcceptGoodsQuoteDocument, acceptGoodsQuoteVariables);
  const perCall = await measureInterleaved(
    [
      { name: 'no store (pause check: one memory read)', run: call(plain) },
      { name: 'a store sharing pauses (one store read per call)', run: call(shared) },
      { name: 'pause check alone', run: () => pauses.held(identity, undefined as never) },
    ],
    { rounds: 15, clock: 'cpu' },
  );
  const [memoryRead, storeRead, checkAlone] = perCall;
  if (!memoryRead || !storeRead || !checkAlone) throw new Error('traffic: missing results');

  const pager = createKrakenClient({ endpoint: ENDPOINT, fetch: pagesFetch() });
  const handWritten = async (): Promise<number> => {
    let count = 0;
    let after: string | null = null;
    for (;;) {
      const page: Page = await pager.request(TransactionsDocument, { first: PAGE, after });
      count += page.account.transactions.edges.length;
      if (!page.account.transactions.pageInfo.hasNextPage) return count;
      after = page.account.transactions.pageInfo.endCursor;
    }
  };
  const paginated = async (): Promise<number> => {
    let count = 0;
    for await (const _ of pager.paginate(TransactionsDocument)) count += 1;
    return count;
  };
  if ((await handWritten()) !== NODES || (await paginated()) !== NODES) throw new Error('traffic: a walk did not read every node');
  const walks = await measureInterleaved(
    [
      { name: 'hand-written cursor loop (client.request)', run: handWritten },
      { name: 'kraken.paginate', run: paginated },
    ],
    { rounds: 15, clock: 'cpu' },
  );
  const [loop, paginate] = walks;
  if (!loop || !paginate) throw new Error('traffic: missing walk results');
  return [
    {
      measure: 'Rate-limit pause check per call, in-process fetch (CPU time)',
      subject: 'kraken-sdk with a store sharing pauses (createMemorySessionStore: one store read per call)',
      subjectResult: `${formatNs(storeRead.nsPerOp)}/call`,
      baseline: 'kraken-sdk without a store (the check is one read of memory)',
      baselineResult: `${formatNs(memoryRead.nsPerOp)}/call; the check alone ${formatNs(checkAlone.nsPerOp)} (${((checkAlone.nsPerOp / memoryRead.nsPerOp) * 100).toFixed(2)}% of a call)`,
      ratio: `${medianRoundRatio(storeRead, memoryRead).toFixed(2)}×`,
    },
    {
      measure: `Pagination, ${NODES} nodes in pages of ${PAGE}, in-process fetch (CPU time per walk)`,
      subject: 'kraken.paginate (for await over nodes)',
      subjectResult: `${formatNs(paginate.nsPerOp)}/walk (${Math.round((NODES * 1e9) / paginate.nsPerOp).toLocaleString('en-US')} nodes/s)`,
      baseline: 'hand-written cursor loop of client.request',
      baselineResult: `${formatNs(loop.nsPerOp)}/walk (${Math.round((NODES * 1e9) / loop.nsPerOp).toLocaleString('en-US')} nodes/s)`,
      ratio: `${medianRoundRatio(paginate, loop).toFixed(2)}×`,
    },
  ];
}
