// Issue 20: paginate is typed from the document: nodes of the recorded connection; a document with no
// connection, or several without `connection`, does not compile.
import { describe, expectTypeOf, it } from 'vitest';
import { createKrakenClient } from '../../src/client/index.js';
import type { KrakenPage } from '../../src/client/index.js';
import { PlainQueryDocument, TransactionsDocument, TwoConnectionsDocument } from '../traffic/fixture.js';
import type { Transaction, TransactionsResult } from '../traffic/fixture.js';

const kraken = createKrakenClient({ endpoint: 'https://kraken.example.test/v1/graphql/' });

describe('paginate types', () => {
  it('yields the connection nodes, non-null; pages carry the result', async () => {
    for await (const node of kraken.paginate(TransactionsDocument, { number: 'A-1' })) expectTypeOf(node).toEqualTypeOf<Transaction>();
    for await (const page of kraken.paginate(TransactionsDocument, { number: 'A-1' }).pages()) {
      expectTypeOf(page).toEqualTypeOf<KrakenPage<Transaction, TransactionsResult>>();
    }
  });

  it('variables: the page size and cursor are the walk\'s; the others as the document requires', () => {
    kraken.paginate(TransactionsDocument, { number: 'A-1' }, { pageSize: 50, maxPages: 10, signal: new AbortController().signal });
    // @ts-expect-error number is required by the document
    kraken.paginate(TransactionsDocument);
    // @ts-expect-error the cursor is set by the walk
    kraken.paginate(TransactionsDocument, { number: 'A-1', after: 'x' });
  });

  it('a document without a connection does not compile', () => {
    // @ts-expect-error PlainQueryDocument records no connection
    kraken.paginate(PlainQueryDocument, { number: 'A-1' });
  });

  it('several connections: `connection` is required and names one; the node type follows it', async () => {
    // @ts-expect-error two connections and no `connection` option
    kraken.paginate(TwoConnectionsDocument);
    // @ts-expect-error not one of its connections
    kraken.paginate(TwoConnectionsDocument, undefined, { connection: 'nope' });
    for await (const node of kraken.paginate(TwoConnectionsDocument, undefined, { connection: 'other.transactions' })) expectTypeOf(node).toEqualTypeOf<{ readonly id: string }>();
    for await (const node of kraken.paginate(TwoConnectionsDocument, {}, { connection: 'account.transactions' })) expectTypeOf(node).toEqualTypeOf<Transaction>();
  });
});
