// Relay connections as Kraken serves them: `first`/`after` and `last`/`before` over a list of stable,
// seeded nodes (the same node at the same position on every page and every request), refusing a page
// larger than 100 as Kraken does.
import type { GraphQLField, GraphQLObjectType, GraphQLOutputType } from 'graphql';
import { GraphQLError, isNonNullType, isObjectType } from 'graphql';

/** Kraken's largest page: `first` or `last` above it is refused. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_CONNECTION_LENGTH = 10;

const PREFIX = 'arrayconnection:';
// btoa/atob: the mocks also run in browsers (msw).
const cursorOf = (index: number): string => btoa(`${PREFIX}${index}`);

function indexOf(cursor: unknown, name: string, length: number): number {
  let decoded = '';
  try {
    decoded = typeof cursor === 'string' ? atob(cursor) : '';
  } catch {
    // Not base64: an invalid cursor, said below.
  }
  const index = decoded.startsWith(PREFIX) ? Number(decoded.slice(PREFIX.length)) : Number.NaN;
  if (!Number.isInteger(index) || index < 0 || index >= length) throw new GraphQLError(`Invalid cursor in "${name}": ${String(cursor).slice(0, 40)}.`);
  return index;
}

/** The connection type a field returns (an object with `edges` and `pageInfo`), else undefined. */
export function connectionTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (!isObjectType(inner)) return undefined;
  const fields = inner.getFields();
  return fields.edges && fields.pageInfo ? inner : undefined;
}

function pageSize(args: Record<string, unknown>, name: 'first' | 'last', field: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new GraphQLError(`"${name}" on "${field}" must be a non-negative integer.`);
  if (value > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Requesting ${value} records on the "${field}" connection exceeds the "${name}" limit of ${MAX_PAGE_SIZE} records.`);
  }
  return value;
}

export interface ConnectionPage {
  readonly edges: Array<{ cursor: string; node: unknown }>;
  readonly pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  readonly totalCount: number;
  readonly edgeCount: number;
}

/**
 * One page of a connection of `length` nodes. `nodeAt(index)` makes the node at a position (its values
 * seeded by the position, so pages agree with each other).
 */
export function connectionPage(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, length: number, nodeAt: (index: number) => unknown): ConnectionPage {
  const first = pageSize(args, 'first', field.name);
  const last = pageSize(args, 'last', field.name);
  let start = args.after === undefined || args.after === null ? 0 : indexOf(args.after, field.name, length) + 1;
  let end = args.before === undefined || args.before === null ? length : indexOf(args.before, field.name, length);
  if (end < start) end = start;
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  const edges = Array.from({ length: end - start }, (_, offset) => ({ cursor: cursorOf(start + offset), node: nodeAt(start + offset) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: end < length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: length,
    edgeCount: edges.length,
  };
}
