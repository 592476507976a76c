// A Kraken-shaped schema of a brand no reference page documents ("nwater", made up), generated from a
// few word lists: mutations whose descriptions list their possible errors on one line (as real schemas
// do), a login input that takes an API key and no email, a Relay connection, and brand codes (KT-NW-…)
// that no catalog of this package knows.
import { ERRORS_MARKER } from '../../src/catalog/error-list.js';

export const THIRD_BRAND_API_KEY = 'nwater-api-key-not-a-secret';

const THINGS = ['Widget', 'Valve', 'Hydrant', 'Pipe', 'Reservoir', 'Pump'];
const VERBS = ['register', 'inspect', 'retire'];

export interface ThirdBrandSchema {
  sdl: string;
  /** Every code the descriptions list, per mutation field. */
  listedCodes: Map<string, string[]>;
}

export function thirdBrandSchema(): ThirdBrandSchema {
  const listedCodes = new Map<string, string[]>();
  const types: string[] = [];
  const mutations: string[] = [];
  for (const [index, thing] of THINGS.entries()) {
    types.push(`type ${thing}Type {\n  id: ID!\n  label: String\n  status: AssetStatus!\n  installedOn: Date\n}`);
    types.push(`input ${thing}Input {\n  label: String!\n  status: AssetStatus\n}`);
    types.push(`type ${thing}Payload {\n  ${thing.toLowerCase()}: ${thing}Type\n  ok: Boolean\n}`);
    for (const [step, verb] of VERBS.entries()) {
      const field = `${verb}${thing}`;
      const codes = [`KT-NW-${4000 + index * 10 + step}`, 'KT-CT-1111', ...(step === 0 ? ['KT-CT-1112'] : [])];
      listedCodes.set(field, codes);
      const list = codes.map((code) => `- ${code}: ${code === 'KT-CT-1111' ? 'Unauthorized.' : code === 'KT-CT-1112' ? "'Authorization' header not provided." : `The ${thing.toLowerCase()} cannot be ${verb}ed.`}`).join(' ');
      mutations.push(`  """\n  ${verb[0]?.toUpperCase()}${verb.slice(1)} a ${thing.toLowerCase()}.\n\n  ${ERRORS_MARKER} ${list}\n  """\n  ${field}(input: ${thing}Input!): ${thing}Payload`);
    }
  }
  const sdl = `"""A date, as an ISO 8601 string."""
scalar Date

"""A reference to an asset: a non-empty ID."""
scalar AssetRef

enum AssetStatus {
  ACTIVE
  RETIRED
}

input ObtainJSONWebTokenInput {
  APIKey: String
  refreshToken: String
}

type ObtainKrakenJSONWebToken {
  token: String!
  payload: GenericScalar
  refreshToken: String
  refreshExpiresIn: Int
}

scalar GenericScalar

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
}

type AssetEdge {
  node: WidgetType
  cursor: String!
}

type AssetConnection {
  edges: [AssetEdge]!
  pageInfo: PageInfo!
}

type Query {
  asset(ref: AssetRef!): WidgetType
  assets(first: Int, after: String): AssetConnection
}

${types.join('\n\n')}

type Mutation {
  """
  Log in.

  ${ERRORS_MARKER} - KT-CT-1138: Please make sure the credentials are correct. - KT-CT-1199: Too many requests.
  """
  obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenJSONWebToken
${mutations.join('\n')}
}
`;
  return { sdl, listedCodes };
}
