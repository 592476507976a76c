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

import type { KrakenConnection } from '../core/document.js';
import { DEFAULT_REQUEST_LIMITS, requestCost } from '../../mocks/limits.js';

/** The variable feeding each paging argument of one connection field, where a variable feeds it. */
type PagingVariables = Partial<Record<(typeof PAGING_ARGUMENTS)[number], string>>;

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

/**
 * A walkable connection: forward when variables feed both `first` and `after`, backward when they feed
 * `last` and `before`; a connection with literal paging arguments cannot be paged by the client.
 */
function walkable(path: readonly string[], variables: PagingVariables): KrakenConnection | undefined {
  if (variables.first !== undefined && variables.after !== undefined) return { path, direction: 'forward', sizeVariable: variables.first, cursorVariable: variables.after };
  if (variables.last !== undefined && variables.before !== undefined) return { path, direction: 'backward', sizeVariable: variables.last, cursorVariable: variables.before };
  return undefined;
}

/**
 * Nodes one more item of a connection costs, by the rule Kraken's 10,000-node limit counts (the mocks'
 * requestCost): the operation's nodes at page size 2 minus at page size 1, so paginate can size pages under it.
 */
function nodesPerItem(operation: OperationDefinitionNode, sizeVariable: string): number {
  const document = { kind: Kind.DOCUMENT, definitions: [operation] } as const;
  return requestCost(document, { [sizeVariable]: 2 }).nodes - requestCost(document, { [sizeVariable]: 1 }).nodes;
}

/** Kraken refuses `first`/`last` above this (the client's MAX_PAGE_SIZE). */
const MAX_PAGE_SIZE = 100;

/**
 * The largest page size (1…100) at which the whole operation stays within Kraken's limits (complexity 200,
 * 10,000 nodes), the other page sizes at 1: where paginate starts, so that no walk begins with a refused request.
 */
function startPageSize(operation: OperationDefinitionNode, sizeVariable: string): number {
  const document = { kind: Kind.DOCUMENT, definitions: [operation] } as const;
  const fits = (size: number): boolean => {
    const cost = requestCost(document, { [sizeVariable]: size });
    return cost.complexity <= DEFAULT_REQUEST_LIMITS.complexity && cost.nodes <= DEFAULT_REQUEST_LIMITS.nodes;
  };
  // The cost grows with the page size: the largest that fits, by bisection.
  let low = 1;
  let high = MAX_PAGE_SIZE;
  if (fits(high)) return high;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** The walkable Relay connections an operation selects, named by their response path (`account.transactions`). */
export function connectionsOf(
  schema: GraphQLSchema,
  definition: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode> = new Map(),
): Record<string, KrakenConnection> {
  const operation = inlined(definition, fragments);
  const found: Record<string, KrakenConnection> = {};
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
          const variables: PagingVariables = {};
          for (const name of PAGING_ARGUMENTS) {
            const value = node.arguments?.find((argument) => argument.name.value === name)?.value;
            if (value?.kind === Kind.VARIABLE) variables[name] = value.name.value;
          }
          const connection = walkable([...path], variables);
          if (connection !== undefined) {
            found[path.join('.')] = { ...connection, nodesPerItem: nodesPerItem(operation, connection.sizeVariable), startPageSize: startPageSize(operation, connection.sizeVariable) };
          }
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return found;
}
