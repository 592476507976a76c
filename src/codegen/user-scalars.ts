import { GraphQLScalarType, specifiedScalarTypes, type GraphQLSchema } from 'graphql';
import { OPAQUE_INPUT_DESCRIPTION } from '../catalog/opaque-inputs.js';
import { OPEN_INPUT_OBJECT } from './page-scalars.js';

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
  // Shown with a literal example on the st page (SUBMIT_METER_READINGS): a string.
  PreSignedTokenScope: 'string',
  Upload: 'unknown',
  GenericScalar: 'unknown',
  JSON: 'unknown',
};

/**
 * What a scalar's description says its values are: Kraken describes many of its scalars in words ("… as a
 * string", "a non-empty ID"), so those are typed by them; a description that says nothing known gives undefined.
 */
export function scalarFromDescription(description: string | null | undefined): string | undefined {
  if (!description) return undefined;
  // The page schemas' (and the mock's) undocumented input objects: open JSON objects, as the package types them.
  if (description === OPAQUE_INPUT_DESCRIPTION) return OPEN_INPUT_OBJECT;
  if (/\bstrings?\b|\btext\b/i.test(description) || /\bIDs?\b/.test(description)) return 'string';
  if (/\b(integers?|int|floats?|numbers?)\b/i.test(description)) return 'number';
  if (/\bbooleans?\b/i.test(description)) return 'boolean';
  return undefined;
}

/** A TypeScript type a user may map a scalar to: names, arrays and unions of them (string, number[], string | null). */
const MAPPED_TYPE = /^[A-Za-z_$][\w$]*(\[\])*(\s*\|\s*[A-Za-z_$][\w$]*(\[\])*)*$/;

/** A user's scalar mapping that cannot be used; the message names the scalar. */
export class ScalarMappingError extends Error {
  override readonly name = 'ScalarMappingError';
}

/**
 * Reads `Name=type,Name2=type` (the --scalars flag); each type is a TypeScript name, array or union of them.
 */
export function parseScalarMappings(text: string): Record<string, string> {
  const mappings: Record<string, string> = {};
  for (const item of text.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const at = item.indexOf('=');
    const name = item.slice(0, at).trim();
    const type = item.slice(at + 1).trim();
    if (at === -1 || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) throw new ScalarMappingError(`"${item}" is not Name=type (e.g. Money=string)`);
    if (!MAPPED_TYPE.test(type)) throw new ScalarMappingError(`${name}=${type}: the type must be TypeScript names, arrays or a union of them (string, number[], string | null)`);
    mappings[name] = type;
  }
  return mappings;
}

/**
 * codegen `scalars` for a user's schema (only those in `used`, when given): the user's own mappings
 * first, then the known Kraken scalars, then what a scalar's description says; the rest are `unknown`,
 * reported through `warn` in one line.
 */
export function userScalarMappings(schema: GraphQLSchema, warn: (message: string) => void, used?: ReadonlySet<string>, own: Readonly<Record<string, string>> = {}): Record<string, string> {
  const builtIn = new Set(specifiedScalarTypes.map((scalar) => scalar.name));
  const mappings: Record<string, string> = {};
  const unknown: string[] = [];
  for (const type of Object.values(schema.getTypeMap()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!(type instanceof GraphQLScalarType) || builtIn.has(type.name) || (used && !used.has(type.name))) continue;
    const mapped = (Object.hasOwn(own, type.name) ? own[type.name] : undefined) ?? KRAKEN_SCALARS[type.name] ?? scalarFromDescription(type.description);
    if (mapped === undefined) unknown.push(type.name);
    mappings[type.name] = mapped ?? 'unknown';
  }
  for (const name of Object.keys(own).filter((name) => !(schema.getType(name) instanceof GraphQLScalarType)).sort()) {
    warn(`scalar mapping ${name}: the schema has no scalar ${name}`);
  }
  const [only] = unknown;
  const how = 'map them with --scalars Name=type (or the preset\'s scalars option)';
  if (unknown.length === 1) warn(`scalar ${only} has no known mapping: typed as unknown (${how})`);
  // One line, however many: a schema with opaque inputs (a page schema) has hundreds, which would bury the rest.
  else if (unknown.length > 1) warn(`${unknown.length} scalars have no known mapping, typed as unknown: ${namedAndCounted(unknown, 8)} (${how})`);
  return mappings;
}

function namedAndCounted(names: readonly string[], shown: number): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}
