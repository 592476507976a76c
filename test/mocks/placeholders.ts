import type { GraphQLInputType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, typeFromAST } from 'graphql';

const SCALAR_PLACEHOLDERS: Record<string, unknown> = {
  String: 'placeholder',
  ID: '1',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  Date: '2020-01-01',
  DateTime: '2020-01-01T00:00:00+00:00',
  UUID: '00000000-0000-4000-8000-000000000000',
  JSONString: '{}',
  GenericScalar: 'placeholder',
};

function placeholder(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [placeholder(inner.ofType)];
  if (isEnumType(inner)) return inner.getValues()[0]?.name;
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return Object.fromEntries(fields.map((field) => [field.name, placeholder(field.type)]));
  }
  if (isScalarType(inner)) {
    // Undocumented input objects are opaque scalars: any JSON object goes.
    if (/opaque input object/i.test(inner.description ?? '')) return {};
    return inner.name in SCALAR_PLACEHOLDERS ? SCALAR_PLACEHOLDERS[inner.name] : 'placeholder';
  }
  return null;
}

/** Variables that satisfy the operation's variable definitions. */
export function placeholderVariables(schema: GraphQLSchema, operation: OperationDefinitionNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) throw new Error(`unknown variable type for $${definition.variable.name.value}`);
    variables[definition.variable.name.value] = placeholder(type);
  }
  return variables;
}
