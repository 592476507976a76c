import { GraphQLScalarType, specifiedScalarTypes, type GraphQLSchema } from 'graphql';

/**
 * Every custom scalar Kraken schemas use, mapped on purpose. Dates, decimals, big integers and JSON
 * text arrive as strings (exact values, no float rounding); GenericScalar can be any JSON value.
 */
export const KRAKEN_SCALARS: Readonly<Record<string, string>> = {
  Date: 'string',
  DateTime: 'string',
  Time: 'string',
  Duration: 'string',
  Decimal: 'string',
  BigInt: 'string',
  Email: 'string',
  UUID: 'string',
  JSONString: 'string',
  NonEmptyString: 'string',
  Upload: 'unknown',
  GenericScalar: 'unknown',
  JSON: 'unknown',
};

/**
 * codegen `scalars` for a user's schema (only those in `used`, when given); an unknown scalar becomes
 * `unknown` and is reported through `warn`.
 */
export function userScalarMappings(schema: GraphQLSchema, warn: (message: string) => void, used?: ReadonlySet<string>): Record<string, string> {
  const builtIn = new Set(specifiedScalarTypes.map((scalar) => scalar.name));
  const mappings: Record<string, string> = {};
  const unknown: string[] = [];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!(type instanceof GraphQLScalarType) || builtIn.has(type.name) || (used && !used.has(type.name))) continue;
    const mapped = KRAKEN_SCALARS[type.name];
    if (mapped === undefined) unknown.push(type.name);
    mappings[type.name] = mapped ?? 'unknown';
  }
  const [only] = unknown;
  if (unknown.length === 1) warn(`scalar ${only} has no known mapping: typed as unknown`);
  // One line, however many: a schema with opaque inputs (a page schema) has hundreds, which would bury the rest.
  else if (unknown.length > 1) warn(`${unknown.length} scalars have no known mapping, typed as unknown: ${namedAndCounted(unknown, 8)}`);
  return mappings;
}

function namedAndCounted(names: readonly string[], shown: number): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
