// A small readable part of the mock's page schema: `account(accountNumber)` with a paginated, seeded connection of
// transactions, so that queries and `paginate` can be tried (and the README's examples run) against the mock.
// The pages document mutations only; this part is the mock's own, written for it, shaped like Kraken's
// (AccountType, a Relay connection named ...TypeConnection, PageInfo).
import type { GraphQLSchema } from 'graphql';
import { extendSchema, parse } from 'graphql';

const ACCOUNT_FIELDS = `
  "The account number, e.g. A-1234ABCD."
  number: String
  "Balance in pence."
  balance: Int
  "The account's transactions, newest first (the mock's: stable and seeded, \`connectionLength\` of them)."
  transactions(first: Int, after: String, last: Int, before: String): TransactionConnectionTypeConnection`;

const TYPES = `
type TransactionConnectionTypeConnection {
  edges: [TransactionConnectionTypeEdge]!
  pageInfo: PageInfo!
  totalCount: Int
}
type TransactionConnectionTypeEdge {
  cursor: String!
  node: TransactionType
}
type TransactionType {
  id: ID!
  "Amount in pence; negative for a charge."
  amount: Int
  postedDate: Date
  title: String
}
type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}
`;

const NAMES = ['TransactionConnectionTypeConnection', 'TransactionConnectionTypeEdge', 'TransactionType', 'PageInfo'];
const extended = new WeakMap<GraphQLSchema, GraphQLSchema>();

/** The schema with `account(accountNumber: String!): AccountType` on its query root, unless a part of it is there already. */
export function withAccountPart(schema: GraphQLSchema): GraphQLSchema {
  const known = extended.get(schema);
  if (known) return known;
  const query = schema.getQueryType();
  let result = schema;
  if (query && !('account' in query.getFields()) && NAMES.every((name) => schema.getType(name) === undefined)) {
    const date = schema.getType('Date') === undefined ? 'scalar Date\n' : '';
    // st's page schema names AccountType (a placeholder without documented fields): it gains the fields there.
    const account = schema.getType('AccountType') === undefined ? `type AccountType {${ACCOUNT_FIELDS}\n}` : `extend type AccountType {${ACCOUNT_FIELDS}\n}`;
    result = extendSchema(
      schema,
      parse(`${date}${TYPES}${account}
extend type ${query.name} {
  """
  An account by its number (the mock answers any number with seeded values).

  The possible errors that can be raised are:

  - KT-CT-4123: Unauthorized.
  """
  account(accountNumber: String!): AccountType
}`),
    );
  }
  extended.set(schema, result);
  return result;
}
