// The types of `paginate` and `rateLimit()`: the node type comes from the document's result along the
// path its connection metadata records; a document with no connection does not fit `PaginatedDocument`,
// and one with several needs the `connection` option.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { KrakenConnection, KrakenOperation } from '../../core/document.js';
import type { KrakenRequestOptions } from './call.js';

/** A document whose metadata records at least one Relay connection. */
export type PaginatedDocument = DocumentTypeDecoration<unknown, never> & {
  readonly kraken: KrakenOperation & { readonly connections: Readonly<Record<string, KrakenConnection>> };
};

/** The recorded connections, without the index signature KrakenOperation's optional field adds. */
type ConnectionsOf<D> = D extends { readonly kraken: { readonly connections: infer C } } ? { [K in keyof C as string extends K ? never : K]: C[K] } : never;
type ResultOfDocument<D> = D extends DocumentTypeDecoration<infer R, infer _V> ? R : never;
type VariablesOfDocument<D> = D extends DocumentTypeDecoration<unknown, infer V> ? V : never;

/** The names of the document's connections. */
export type ConnectionName<D> = keyof ConnectionsOf<D> & string;

/** The one name of a document with one connection; never when it has several. */
type SoleName<D, K = ConnectionName<D>> = K extends unknown ? ([ConnectionName<D>] extends [K] ? K : never) : never;

type At<T, P> = P extends readonly [infer Key extends string, ...infer Rest]
  ? NonNullable<T> extends infer O
    ? Key extends keyof O
      ? At<O[Key], Rest>
      : never
    : never
  : T;

/** The node type of connection `K` of document `D`. */
export type NodeOf<D, K extends ConnectionName<D>> =
  NonNullable<At<ResultOfDocument<D>, ConnectionsOf<D>[K] extends { readonly path: infer P } ? P : never>> extends {
    readonly edges?: infer E;
  }
    ? NonNullable<E> extends ReadonlyArray<infer Edge>
      ? NonNullable<Edge> extends { readonly node?: infer N }
        ? NonNullable<N>
        : never
      : never
    : never;

export interface PaginateOptions<K extends string = string> extends KrakenRequestOptions {
  /** Which connection to walk; required when the document has several. */
  readonly connection?: K;
  /** Nodes per page: at most 100 (Kraken's limit) and what keeps a page under the 10,000-node limit. Default 100. */
  readonly pageSize?: number;
  /** The walk stops with a PaginationError (`max-pages`) rather than ask for more pages than this. Default 1,000. */
  readonly maxPages?: number;
}

/** The document's variables, without the page size and cursor that `paginate` sets. */
type PageVariables<D, K extends ConnectionName<D>> = Omit<
  VariablesOfDocument<D>,
  ConnectionsOf<D>[K] extends { readonly sizeVariable: infer S extends string; readonly cursorVariable: infer C extends string } ? S | C : never
>;

/** Variables (required when the document requires some), then options; `connection` is required when the document has several. */
export type PaginateArgs<D, K extends ConnectionName<D>> = [SoleName<D>] extends [never]
  ? [variables: PageVariables<D, K> | undefined, options: PaginateOptions<K> & { readonly connection: K }]
  : Record<never, never> extends PageVariables<D, K>
    ? [variables?: PageVariables<D, K>, options?: PaginateOptions<K>]
    : [variables: PageVariables<D, K>, options?: PaginateOptions<K>];

/** One page of a walk. */
export interface KrakenPage<TNode, TResult> {
  /** 1 for the first page. */
  readonly number: number;
  readonly nodes: readonly TNode[];
  /** The page's whole response data. */
  readonly data: TResult;
  readonly hasMore: boolean;
  readonly cursor: string | undefined;
}

/** The nodes of a connection, page after page; `pages()` walks whole pages. Each `for await` is a walk of its own. */
export interface KrakenPaginator<TNode, D = unknown> extends AsyncIterable<TNode> {
  pages(): AsyncIterable<KrakenPage<TNode, ResultOfDocument<D>>>;
}

/** The points allowance, from `rateLimitInfo { pointsAllowanceRateLimit }`. */
export interface KrakenRateLimit {
  readonly limit: number;
  readonly remainingPoints: number;
  readonly usedPoints: number;
  /** Epoch ms when a new allowance starts (Kraken's `ttl`, Unix seconds, × 1000). */
  readonly resetsAt: number;
  readonly isBlocked: boolean;
}
