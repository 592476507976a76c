import type { ValueNode } from 'graphql';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, Kind, buildSchema, isScalarType, valueFromASTUntyped } from 'graphql';
import { OPAQUE_INPUT_DESCRIPTION } from '../src/generator/schema-sdl.js';
import { withImplementedInterfaces } from './open-interfaces.js';

/** A schema for the mock: SDL text or a built GraphQLSchema (e.g. one pulled from your own Kraken). */
export type KrakenMockSchema = string | GraphQLSchema;

/** The schema could not be built; the message says where. */
export class KrakenMockSchemaError extends TypeError {
  override readonly name = 'KrakenMockSchemaError';
}

const schemaCache = new Map<string, GraphQLSchema>();

/** GraphQL requires a query root (introspection needs one); mutation-only schemas get a minimal Query. */
function withQueryRoot(schema: GraphQLSchema): GraphQLSchema {
  if (schema.getQueryType()) return schema;
  const config = schema.toConfig();
  const query = new GraphQLObjectType({
    name: config.types.some((type) => type.name === 'Query') ? 'KrakenMockQuery' : 'Query',
    description: 'Added by the mock: the reference documents mutations only.',
    fields: { _mock: { type: GraphQLString, description: 'Always answers "kraken-mock".', resolve: () => 'kraken-mock' } },
  });
  return new GraphQLSchema({ ...config, query, types: [...config.types, query] });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The page schema types undocumented input objects as opaque scalars; they still must be objects, as
 * the real input types are (so `input: "hello"` is refused, like Kraken refuses it).
 */
function requireObjectsForOpaqueInputs(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isScalarType(type) || type.description !== OPAQUE_INPUT_DESCRIPTION) continue;
    const expected = `Expected type "${type.name}" to be an object.`;
    // Built here and cached by this module only, so adjusting the parsers in place affects nobody else.
    type.parseValue = (value: unknown) => {
      if (!isPlainObject(value)) throw new GraphQLError(expected);
      return value;
    };
    type.parseLiteral = (node: ValueNode, variables?: Record<string, unknown> | null) => {
      if (node.kind !== Kind.OBJECT) throw new GraphQLError(expected);
      return valueFromASTUntyped(node, variables);
    };
  }
}

function buildFromSdl(sdl: string): GraphQLSchema {
  let schema = schemaCache.get(sdl);
  if (!schema) {
    try {
      schema = withQueryRoot(withImplementedInterfaces(buildSchema(sdl)));
    } catch (error) {
      throw new KrakenMockSchemaError(`Invalid schema: ${error instanceof Error ? error.message : String(error)}`);
    }
    requireObjectsForOpaqueInputs(schema);
    schemaCache.set(sdl, schema);
  }
  return schema;
}

/** The executable schema the mock answers from. */
export function mockSchemaOf(schema: KrakenMockSchema): GraphQLSchema {
  if (typeof schema === 'string') return buildFromSdl(schema);
  if (schema instanceof GraphQLSchema) return withQueryRoot(withImplementedInterfaces(schema));
  throw new KrakenMockSchemaError('schema must be SDL text or a GraphQLSchema.');
}
