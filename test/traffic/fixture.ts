// A small schema with one Relay connection (written for these tests), and a document that records it the
// way `generate --schema` does (kraken.connections).
import type { KrakenDocument, KrakenOperation } from '../../src/client/index.js';

export const CONNECTION_SDL = `
type Query {
  account(accountNumber: String!): Account
}
type Account {
  number: String!
  transactions(first: Int, after: String, last: Int, before: String): TransactionConnection
}
type TransactionConnection {
  edges: [TransactionEdge]!
  pageInfo: PageInfo!
  totalCount: Int
}
type TransactionEdge {
  cursor: String!
  node: Transaction
}
type Transaction {
  id: ID!
  amount: Int
}
type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}
`;

export interface Transaction {
  readonly id: string;
  readonly amount: number | null;
}
export interface TransactionsResult {
  readonly account: {
    readonly transactions: {
      readonly edges: ReadonlyArray<{ readonly node: Transaction | null } | null>;
      readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
    } | null;
  } | null;
}
export interface TransactionsVariables {
  readonly number: string;
  readonly first?: number | null;
  readonly after?: string | null;
}

const transactionsConnections = {
  'account.transactions': { path: ['account', 'transactions'], direction: 'forward', sizeVariable: 'first', cursorVariable: 'after' },
} as const;

type WithConnections<C> = { readonly kraken: KrakenOperation & { readonly connections: C } };

export const TransactionsDocument: KrakenDocument<TransactionsResult, TransactionsVariables> & WithConnections<typeof transactionsConnections> = {
  kraken: {
    operationName: 'Transactions',
    endpoint: 'api',
    text: 'query Transactions($number: String!, $first: Int, $after: String) { account(accountNumber: $number) { transactions(first: $first, after: $after) { edges { node { id amount } } pageInfo { hasNextPage endCursor } } } }',
    connections: transactionsConnections,
  },
};

/** Two connections in one document: `paginate` needs the `connection` option. */
const twoConnections = {
  'account.transactions': { path: ['account', 'transactions'], direction: 'forward', sizeVariable: 'first', cursorVariable: 'after' },
  'other.transactions': { path: ['other', 'transactions'], direction: 'backward', sizeVariable: 'last', cursorVariable: 'before' },
} as const;
export const TwoConnectionsDocument: KrakenDocument<
  TransactionsResult & { readonly other: { readonly transactions: { readonly edges: ReadonlyArray<{ readonly node: { readonly id: string } | null }> } | null } | null },
  { readonly first?: number | null; readonly after?: string | null; readonly last?: number | null; readonly before?: string | null }
> &
  WithConnections<typeof twoConnections> = {
  kraken: {
    operationName: 'Two',
    endpoint: 'api',
    text: 'query Two($first: Int, $after: String, $last: Int, $before: String) { account(accountNumber: "A-1") { transactions(first: $first, after: $after) { edges { node { id amount } } pageInfo { hasNextPage endCursor } } } other: account(accountNumber: "A-2") { transactions(last: $last, before: $before) { edges { node { id } } pageInfo { hasPreviousPage startCursor } } } }',
    connections: twoConnections,
  },
};

/** A document that records no connection. */
export const PlainQueryDocument: KrakenDocument<{ readonly account: { readonly number: string } | null }, { readonly number: string }> = {
  kraken: { operationName: 'Plain', endpoint: 'api', text: 'query Plain($number: String!) { account(accountNumber: $number) { number } }' },
};
