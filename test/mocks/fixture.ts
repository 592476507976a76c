import type { Catalog } from '../../src/catalog/types.js';
import type { KrakenMockSource } from '../../mocks/engine.js';

/** A miniature brand in the generator's style: opaque input scalars, placeholder object types, a union. */
export const fixtureSchemaSdl = /* GraphQL */ `
"""An input object the reference does not document (opaque input object)."""
scalar ObtainJSONWebTokenInput
"""An input object the reference does not document (opaque input object)."""
scalar UpdateThingInput
scalar Date
scalar DateTime
scalar UUID
scalar JSONString
scalar GenericScalar

type Query { _placeholder: String }

type PossibleErrorType { code: String description: String message: String type: String }

type ObtainKrakenToken {
  possibleErrors: [PossibleErrorType]
  token: String!
  payload: GenericScalar!
  refreshToken: String
  refreshExpiresIn: Int
}

"""Placeholder: the reference does not document this type."""
type AccountType { _placeholder: String }

enum ThingStatus { ACTIVE INACTIVE }

type Thing {
  id: ID!
  number: String
  createdOn: Date
  updatedAt: DateTime
  uuid: UUID
  metadata: JSONString
  count: Int
  ratio: Float
  enabled: Boolean
  status: ThingStatus
  tags: [String!]!
  account: AccountType
}

type CommonError { message: String }
union ThingResult = Thing | CommonError

type UpdateThing { possibleErrors: [PossibleErrorType] thing: Thing result: ThingResult }
type CreateMfaDevice { secret: String }

type Mutation {
  obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenToken
  updateThing(input: UpdateThingInput!): UpdateThing
  createMfaDevice(deviceType: String!): CreateMfaDevice
}
`;

export const fixtureCatalog: Catalog = {
  brand: 'fx',
  endpoints: { api: 'https://api.fixture.test/v1/graphql/', auth: 'https://auth.fixture.test/graphql/' },
  operations: [
    {
      field: 'obtainKrakenToken',
      operationName: 'ObtainKrakenToken',
      endpoint: 'api',
      returnType: 'ObtainKrakenToken',
      args: [{ name: 'input', type: 'ObtainJSONWebTokenInput!' }],
      errors: [
        { code: 'KT-CT-1135', message: 'Invalid data.' },
        { code: 'KT-CT-1134', message: 'Invalid data.' },
        { code: 'KT-CT-1113', message: 'Disabled GraphQL field requested.' },
      ],
      deprecation: null,
      description: 'Create a Kraken Token (JWT) for authentication.',
      document: 'operations/fx/ObtainKrakenToken.graphql',
    },
    {
      field: 'updateThing',
      operationName: 'UpdateThing',
      endpoint: 'api',
      returnType: 'UpdateThing',
      args: [{ name: 'input', type: 'UpdateThingInput!' }],
      errors: [
        { code: 'KT-CT-4178', message: 'No account found with given account number.' },
        { code: 'KT-CT-1111', message: 'Unauthorized.' },
        { code: 'KT-CT-1112', message: "'Authorization' header not provided." },
      ],
      deprecation: null,
      description: 'Update a thing.',
      document: 'operations/fx/UpdateThing.graphql',
    },
    {
      field: 'createMfaDevice',
      operationName: 'CreateMfaDevice',
      endpoint: 'auth',
      returnType: 'CreateMfaDevice',
      args: [{ name: 'deviceType', type: 'String!' }],
      errors: [{ code: 'KT-CT-1112', message: "'Authorization' header not provided." }],
      deprecation: null,
      description: 'Create an MFA device.',
      document: 'operations/fx/CreateMfaDevice.graphql',
    },
  ],
};

export const fixtureSource: KrakenMockSource = { catalog: fixtureCatalog, schemaSdl: fixtureSchemaSdl };

export const LOGIN = /* GraphQL */ `
mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) {
  obtainKrakenToken(input: $input) { token payload refreshToken refreshExpiresIn }
}`;

export const UPDATE_THING = /* GraphQL */ `
mutation UpdateThing($input: UpdateThingInput!) {
  updateThing(input: $input) {
    possibleErrors { code message }
    thing { id number createdOn updatedAt uuid metadata count ratio enabled status tags account { __typename } }
    result { __typename ... on Thing { id } ... on CommonError { message } }
  }
}`;

export const CREATE_MFA_DEVICE = /* GraphQL */ `
mutation CreateMfaDevice($deviceType: String!) { createMfaDevice(deviceType: $deviceType) { secret } }`;

export const VALID_LOGIN = { email: 'user@example.com', password: 'correct-password' };
