import { Kind, parse, print, type DefinitionNode, type NamedTypeNode } from 'graphql';

/**
 * graphql-codegen types a selection on an interface that no object type implements as `never`
 * (it lists the possible types, and there are none). The pages name such interfaces (AccountInterface)
 * but never the types implementing them, so codegen gets a view of the schema where each of them is
 * an object type, and the `__typename` literal that view produces is then widened to `string`.
 */
export interface CodegenSchemaView {
  sdl: string;
  /** Interfaces no object type implements, shown to codegen as object types. */
  openInterfaces: string[];
}

export function codegenSchemaView(schemaSdl: string): CodegenSchemaView {
  const document = parse(schemaSdl);
  const implemented = new Set(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION
        ? (definition.interfaces ?? []).map((node) => node.name.value)
        : [],
    ),
  );
  const open = new Set(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION && !implemented.has(definition.name.value) ? [definition.name.value] : [],
    ),
  );
  if (open.size === 0) return { sdl: schemaSdl, openInterfaces: [] };
  const keepImplemented = (interfaces: readonly NamedTypeNode[] | undefined): NamedTypeNode[] =>
    (interfaces ?? []).filter((node) => !open.has(node.name.value));
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      return open.has(definition.name.value)
        ? { ...definition, kind: Kind.OBJECT_TYPE_DEFINITION, interfaces: keepImplemented(definition.interfaces) }
        : { ...definition, interfaces: keepImplemented(definition.interfaces) };
    }
    return definition;
  });
  return { sdl: print({ ...document, definitions }), openInterfaces: [...open].sort() };
}

/** Widens the `__typename` literal of each open interface in codegen's output to `string`. */
export function widenOpenTypenames(codegenOutput: string, openInterfaces: readonly string[]): string {
  let output = codegenOutput;
  for (const name of openInterfaces) {
    output = output.replaceAll(`__typename: '${name}'`, '__typename: string').replaceAll(`__typename?: '${name}'`, '__typename?: string');
    // A literal left in another shape means codegen's output changed: fail rather than promise it.
    if (output.includes(`'${name}'`)) throw new Error(`graphql-codegen output still types __typename as '${name}': update widenOpenTypenames.`);
  }
  return output;
}
