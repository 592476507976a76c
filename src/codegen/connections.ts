/**
 * Relay connections a user's operation selects, recorded in its document's metadata so that a
 * paginating client knows where the pages are and which variables move them.
 */
import {
  Kind,
  TypeInfo,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type OperationDefinitionNode,
} from 'graphql';

/** `path`: response keys from the root to the connection field; the others: the variable that feeds each paging argument. */
export interface ConnectionMeta {
  path: string[];
  first?: string;
  after?: string;
  last?: string;
  before?: string;
}

const PAGING_ARGUMENTS = ['first', 'after', 'last', 'before'] as const;

/** A Relay connection field: first/after or last/before, returning a type with pageInfo and edges of node. */
function isConnectionField(field: GraphQLField<unknown, unknown>): boolean {
  const args = new Set(field.args.map((argument) => argument.name));
  if (!((args.has('first') && args.has('after')) || (args.has('last') && args.has('before')))) return false;
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  const edges = fields.edges;
  if (!fields.pageInfo || !edges || !isListType(unwrapNonNull(edges.type))) return false;
  const edge = getNamedType(edges.type);
  return isObjectType(edge) && Object.hasOwn(edge.getFields(), 'node');
}

function unwrapNonNull(type: GraphQLType): GraphQLType {
  return isNonNullType(type) ? type.ofType : type;
}

/** The operation with every fragment spread replaced by the fragment's selection (valid documents have no cycles). */
function inlined(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): OperationDefinitionNode {
  const expand = <T extends OperationDefinitionNode | FragmentDefinitionNode>(node: T): T =>
    visit(node, {
      FragmentSpread(spread): InlineFragmentNode | null {
        const fragment = fragments.get(spread.name.value);
        if (!fragment) return null;
        return { kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, selectionSet: expand(fragment).selectionSet };
      },
    });
  return expand(operation);
}

export function connectionsOf(
  schema: GraphQLSchema,
  definition: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode> = new Map(),
): ConnectionMeta[] {
  const operation = inlined(definition, fragments);
  const found: ConnectionMeta[] = [];
  const path: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const field = typeInfo.getFieldDef();
          if (!field || !isConnectionField(field)) return;
          const meta: ConnectionMeta = { path: [...path] };
          for (const name of PAGING_ARGUMENTS) {
            const value = node.arguments?.find((argument) => argument.name.value === name)?.value;
            if (value?.kind === Kind.VARIABLE) meta[name] = value.name.value;
          }
          found.push(meta);
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return found;
}
