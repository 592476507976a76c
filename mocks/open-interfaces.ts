import type { GraphQLInterfaceType, GraphQLSchema } from 'graphql';
import { Kind, extendSchema, isInterfaceType, isObjectType, parse, print, printType, type InterfaceTypeDefinitionNode } from 'graphql';

/**
 * The page schemas name interfaces (AccountInterface) without the object types implementing them,
 * and GraphQL can only answer an interface field with an object type. Each such interface gets one,
 * named as Kraken names them (`AccountType` for `AccountInterface`): the existing type of that name
 * when it has the interface's fields, else a new type with exactly those fields.
 */
export function withImplementedInterfaces(schema: GraphQLSchema): GraphQLSchema {
  const open = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLInterfaceType => isInterfaceType(type) && schema.getPossibleTypes(type).length === 0,
  );
  if (open.length === 0) return schema;
  const extensions = open.map((type) => {
    const definition = parse(printType(type)).definitions[0] as InterfaceTypeDefinitionNode;
    const interfaces = [type.name, ...type.getInterfaces().map((parent) => parent.name)].join(' & ');
    const name = implementationName(schema, type);
    if (schema.getType(name)) return `extend type ${name} implements ${interfaces}`;
    const fields = print({ ...definition, kind: Kind.OBJECT_TYPE_DEFINITION, description: undefined, interfaces: [] }).replace(/^type \S+/, '');
    return `"""Stands in for the object types implementing ${type.name}, which the schema does not name."""\ntype ${name} implements ${interfaces}${fields}`;
  });
  return extendSchema(schema, parse(extensions.join('\n\n')));
}

function implementationName(schema: GraphQLSchema, type: GraphQLInterfaceType): string {
  const base = type.name.replace(/Interface$/, '');
  const preferred = `${base}Type`;
  const existing = schema.getType(preferred);
  if (!existing) return preferred;
  const fieldsMatch =
    isObjectType(existing) &&
    Object.values(type.getFields()).every((field) => String(existing.getFields()[field.name]?.type) === String(field.type) && field.args.length === 0);
  return fieldsMatch ? preferred : `Mock${preferred}`;
}
