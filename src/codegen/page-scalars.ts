import { GraphQLScalarType, buildSchema, specifiedScalarTypes } from 'graphql';
import { opaqueInputScalarNames } from '../catalog/opaque-inputs.js';

/** TypeScript type of every value scalar the reference pages show. Dates, decimals and JSON text arrive as strings. */
const VALUE_SCALARS: Record<string, string> = {
  Date: 'string',
  DateTime: 'string',
  Time: 'string',
  Decimal: 'string',
  UUID: 'string',
  JSONString: 'string',
  NonEmptyString: 'string',
  // Shown with a literal example on the st page; most likely an enum on the server, so any string it names.
  PreSignedTokenScope: 'string',
  GenericScalar: 'unknown',
};

/** An undocumented input object: the page names it but not its fields, so it is typed as an open JSON object. */
export const OPEN_INPUT_OBJECT = '{ [key: string]: unknown }';

export class UnmappedScalarError extends Error {
  constructor(readonly scalar: string) {
    super(`Scalar "${scalar}" has no TypeScript mapping: add it to src/codegen/scalars.ts deliberately.`);
    this.name = 'UnmappedScalarError';
  }
}

/** codegen `scalars` config: every custom scalar mapped on purpose; an unknown one stops generation. */
export function scalarMappings(schemaSdl: string): Record<string, string> {
  const builtIn = new Set(specifiedScalarTypes.map((scalar) => scalar.name));
  const opaqueInputs = new Set(opaqueInputScalarNames(schemaSdl));
  const mappings: Record<string, string> = {};
  const types = Object.values(buildSchema(schemaSdl).getTypeMap()).sort((a, b) => a.name.localeCompare(b.name));
  for (const type of types) {
    if (!(type instanceof GraphQLScalarType) || builtIn.has(type.name)) continue;
    const mapped = opaqueInputs.has(type.name) ? OPEN_INPUT_OBJECT : VALUE_SCALARS[type.name];
    if (!mapped) throw new UnmappedScalarError(type.name);
    mappings[type.name] = mapped;
  }
  return mappings;
}
