// The query fields Kraken offers for traffic, added to a mock schema that lacks them: `rateLimitInfo`
// (the points allowance) and `queryComplexity` (the price of a query, without running it).
import type { GraphQLSchema } from 'graphql';
import { extendSchema, parse } from 'graphql';

const TYPES = `
type PointsAllowanceRateLimitInformation {
  limit: Int
  remainingPoints: Int
  usedPoints: Int
  "Unix time (seconds) when a new allowance starts."
  ttl: Int
  isBlocked: Boolean
}
type CombinedRateLimitInformation {
  pointsAllowanceRateLimit: PointsAllowanceRateLimitInformation
}
input QueryComplexityInputType {
  query: String!
  variables: JSONString
  operationName: String
}
type QueryComplexityOutputType {
  complexityValue: Int
}
`;

const extended = new WeakMap<GraphQLSchema, GraphQLSchema>();

/** The schema with `rateLimitInfo` and `queryComplexity` on its query root, unless it has them already. */
export function withTrafficFields(schema: GraphQLSchema): GraphQLSchema {
  const known = extended.get(schema);
  if (known) return known;
  const query = schema.getQueryType();
  const fields = query?.getFields() ?? {};
  let result = schema;
  if (query && !('rateLimitInfo' in fields) && !('queryComplexity' in fields) && schema.getType('CombinedRateLimitInformation') === undefined) {
    const scalar = schema.getType('JSONString') === undefined ? 'scalar JSONString\n' : '';
    result = extendSchema(
      schema,
      parse(`${scalar}${TYPES}
extend type ${query.name} {
  "The points allowance of the logged-in user (the mock's ledger)."
  rateLimitInfo: CombinedRateLimitInformation
  "The complexity of a query, by the rule the mock enforces (KT-CT-1188 above 200)."
  queryComplexity(input: QueryComplexityInputType!): QueryComplexityOutputType
}`),
    );
  }
  extended.set(schema, result);
  return result;
}
