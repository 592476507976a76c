/**
 * The schema as graphql-codegen sees it for a module: only the enums, input objects and custom
 * scalars the operations reach stay, so that codegen's output carries those and no others (its
 * `onlyOperationTypes` still emits every enum and input object of the schema), and only the object,
 * interface and union types the operations select (with the members of the abstract ones): codegen's
 * time and memory follow the schema it is given, and a Kraken schema holds thousands of types no
 * operation selects. Fields and arguments of types left out are retyped `String` or dropped;
 * operations are validated before this view is made, and codegen does not validate them again.
 */
import {
  Kind,
  TypeInfo,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isScalarType,
  parse,
  printSchema,
  specifiedScalarTypes,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DefinitionNode,
  type DocumentNode,
  printType,
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

/**
 * Object, interface and union types codegen needs to type the operations: every type a selection is
 * made on or returns, the members of abstract ones, and (to a fixpoint) the types an implementation's
 * field has where its interface's field is needed, since codegen types an interface selection per member.
 */
export function reachedComposites(schema: GraphQLSchema, documents: readonly DocumentNode[]): Set<string> {
  const reached = new Set<string>(['Query', 'Mutation', 'Subscription'].filter((name) => schema.getType(name) !== undefined));
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) if (root) reached.add(root.name);
  const add = (type: GraphQLNamedType | null | undefined): void => {
    if (type && isCompositeType(type)) reached.add(type.name);
  };
  for (const document of documents) {
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          add(typeInfo.getParentType());
          const type = typeInfo.getType();
          if (type) add(getNamedType(type));
        },
        InlineFragment() {
          add(typeInfo.getType() ? getNamedType(typeInfo.getType() ?? undefined) : undefined);
        },
        FragmentDefinition() {
          add(typeInfo.getType() ? getNamedType(typeInfo.getType() ?? undefined) : undefined);
        },
      }),
    );
  }
  for (let grew = true; grew; ) {
    const before = reached.size;
    for (const name of [...reached]) {
      const type = schema.getType(name);
      if (!type || !isAbstractType(type)) continue;
      for (const member of schema.getPossibleTypes(type)) {
        reached.add(member.name);
        if (!isInterfaceType(type)) continue;
        for (const [fieldName, field] of Object.entries(type.getFields())) {
          if (!reached.has(getNamedType(field.type).name)) continue;
          const own = member.getFields()[fieldName];
          if (own) add(getNamedType(own.type));
        }
      }
    }
    grew = reached.size > before;
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

/**
 * The schema's SDL with the enums, input objects and custom scalars outside `reached` left out and,
 * given `composites`, the object, interface and union types outside it, and the fields returning them.
 */
export function lightSchema(schema: GraphQLSchema, reached: ReadonlySet<string>, composites?: ReadonlySet<string>): DocumentNode {
  const typeMap = schema.getTypeMap();
  const dropped = (type: TypeNode): boolean => {
    const name = namedOf(type).name.value;
    const named = typeMap[name];
    return !reached.has(name) && named !== undefined && (isEnumType(named) || isInputObjectType(named) || (isScalarType(named) && !BUILT_IN_SCALARS.has(name)));
  };
  const unselected = (type: TypeNode): boolean => {
    if (composites === undefined) return false;
    const named = typeMap[namedOf(type).name.value];
    return named !== undefined && isCompositeType(named) && !composites.has(named.name);
  };
  const kept = (name: string): boolean => composites === undefined || composites.has(name);
  const document = parse(composites === undefined ? printSchema(schema) : keptTypesSdl(schema, composites, reached));
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
        case Kind.UNION_TYPE_DEFINITION:
          if (!kept(definition.name.value)) return [];
          return [{ ...definition, types: definition.types?.filter((member) => kept(member.name.value)) }];
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_DEFINITION: {
          if (!kept(definition.name.value)) return [];
          const fields = definition.fields ?? [];
          const selectable = fields.filter((field) => !unselected(field.type));
          // A type keeps a field: a type without any is not valid SDL (its fields all returned unselected types).
          const chosen = selectable.length > 0 ? selectable : fields.slice(0, 1).map((field) => ({ ...field, type: asString(field.type), arguments: [] }));
          return [
            {
              ...definition,
              interfaces: definition.interfaces?.filter((named) => kept(named.name.value)),
              fields: chosen.map((field) => ({
                ...field,
                type: dropped(field.type) ? asString(field.type) : field.type,
                arguments: field.arguments?.filter((argument) => !dropped(argument.type) && !unselected(argument.type)),
              })),
            },
          ];
        }
        default:
          return [definition];
      }
    }),
  };
}

/**
 * The SDL of the kept types only, printed type by type: printing the whole schema of a Kraken-scale
 * brand (thousands of types) only to drop most of it costs what the pruning is meant to save.
 */
function keptTypesSdl(schema: GraphQLSchema, composites: ReadonlySet<string>, reached: ReadonlySet<string>): string {
  const keep = (type: GraphQLNamedType): boolean => {
    if (type.name.startsWith('__') || BUILT_IN_SCALARS.has(type.name)) return false;
    return isCompositeType(type) ? composites.has(type.name) : reached.has(type.name);
  };
  const roots = { query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() };
  const standard = Object.entries(roots).every(([kind, root]) => !root || root.name === `${kind[0]?.toUpperCase()}${kind.slice(1)}`);
  const schemaDefinition = standard
    ? []
    : [`schema {\n${Object.entries(roots).flatMap(([kind, root]) => (root ? [`  ${kind}: ${root.name}`] : [])).join('\n')}\n}`];
  return [...schemaDefinition, ...Object.values(schema.getTypeMap()).filter(keep).map((type) => printType(type))].join('\n\n');
}
