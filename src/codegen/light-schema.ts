/**
 * The schema as graphql-codegen sees it for a module: only the enums, input objects and custom
 * scalars the operations reach stay, so that codegen's output carries those and no others (its
 * `onlyOperationTypes` still emits every enum and input object of the schema). Fields and
 * arguments of types left out are retyped `String` or dropped; operations are validated before
 * this view is made, and codegen does not validate them again.
 */
import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isScalarType,
  parse,
  printSchema,
  specifiedScalarTypes,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type NamedTypeNode,
  type TypeNode,
} from 'graphql';

const BUILT_IN_SCALARS = new Set(specifiedScalarTypes.map((scalar) => scalar.name));

/** Named types whose TypeScript form codegen emits: enums, input objects and custom scalars the operations use. */
export function reachedTypes(schema: GraphQLSchema, documents: readonly DocumentNode[]): Set<string> {
  const reached = new Set<string>();
  const reach = (type: GraphQLNamedType | undefined): void => {
    if (!type || reached.has(type.name)) return;
    if (isInputObjectType(type)) {
      reached.add(type.name);
      for (const field of Object.values(type.getFields())) reach(getNamedType(field.type));
    } else if (isEnumType(type) || (isScalarType(type) && !BUILT_IN_SCALARS.has(type.name))) reached.add(type.name);
  };
  for (const document of documents) {
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        VariableDefinition(node) {
          const type = typeFromAST(schema, node.type as never);
          if (type) reach(getNamedType(type));
        },
        Field() {
          const type = typeInfo.getType();
          if (type) reach(getNamedType(type));
        },
      }),
    );
  }
  return reached;
}

function namedOf(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : namedOf(type.type);
}

/** `type` with its named type replaced by String (wrappers kept). */
function asString(type: TypeNode): TypeNode {
  if (type.kind === Kind.NAMED_TYPE) return { ...type, name: { ...type.name, value: 'String' } };
  return { ...type, type: asString(type.type) } as TypeNode;
}

/** The schema's SDL with the enums, input objects and custom scalars outside `reached` left out. */
export function lightSchema(schema: GraphQLSchema, reached: ReadonlySet<string>): DocumentNode {
  const typeMap = schema.getTypeMap();
  const dropped = (type: TypeNode): boolean => {
    const name = namedOf(type).name.value;
    const named = typeMap[name];
    return !reached.has(name) && named !== undefined && (isEnumType(named) || isInputObjectType(named) || (isScalarType(named) && !BUILT_IN_SCALARS.has(name)));
  };
  const document = parse(printSchema(schema));
  return {
    ...document,
    definitions: document.definitions.flatMap((definition): DefinitionNode[] => {
      switch (definition.kind) {
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_DEFINITION:
          return reached.has(definition.name.value) ? [definition] : [];
        // Custom directives are not part of any TypeScript type; their arguments may use dropped types.
        case Kind.DIRECTIVE_DEFINITION:
          return [];
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_DEFINITION:
          return [
            {
              ...definition,
              fields: definition.fields?.map((field) => ({
                ...field,
                type: dropped(field.type) ? asString(field.type) : field.type,
                arguments: field.arguments?.filter((argument) => !dropped(argument.type)),
              })),
            },
          ];
        default:
          return [definition];
      }
    }),
  };
}
