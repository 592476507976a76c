// Only types come from `graphql` here: the client never parses, and prints a user's DocumentNode
// only when it has no source text, loading its own compact printer (print.ts) on that first need.
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { DocumentTypeDecoration, ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';

export type { DocumentTypeDecoration, ResultOf, VariablesOf, TypedDocumentNode };

/** Which Kraken server answers an operation: the main API or the separate authentication server. */
export type EndpointKind = 'api' | 'auth';

/** Precomputed facts about one operation, so calls never parse or print. */
export interface KrakenOperation {
  readonly operationName: string;
  readonly text: string;
  readonly endpoint: EndpointKind;
  /** The Relay connections the operation selects, by name (`generate --schema` records them): what `paginate` walks. */
  readonly connections?: Readonly<Record<string, KrakenConnection>>;
}

/**
 * Where a Relay connection sits in an operation: a field taking `first`/`after` (or `last`/`before`)
 * and returning `edges { node }` and `pageInfo`. Recorded per document, so no naming convention is needed.
 */
export interface KrakenConnection<TPath extends readonly string[] = readonly string[]> {
  /** Response keys (aliases where given) from `data` to the connection field, e.g. `['account', 'transactions']`. */
  readonly path: TPath;
  /** `forward`: `first`/`after`, `pageInfo { hasNextPage endCursor }`; `backward`: `last`/`before`, `pageInfo { hasPreviousPage startCursor }`. */
  readonly direction: 'forward' | 'backward';
  /** The operation's variable giving the page size (passed to `first` or `last`). */
  readonly sizeVariable: string;
  /** The operation's variable giving the cursor (passed to `after` or `before`). */
  readonly cursorVariable: string;
  /** Nodes (in Kraken's count) one item of the connection costs, so a page stays under the 10,000-node limit. */
  readonly nodesPerItem?: number;
  /** The largest page size at which the operation fits Kraken's limits (complexity 200, 10,000 nodes): paginate's first page size. */
  readonly startPageSize?: number;
}

/**
 * A documented Kraken operation: its text, name and endpoint, typed with its result, variables and
 * documented KT codes (phantom). Not a DocumentNode: `toDocumentNode` from `kraken-sdk/document-node`
 * gives one to clients that need an AST (Apollo, urql).
 */
export interface KrakenDocument<TResult, TVariables, TCode extends string = string>
  extends DocumentTypeDecoration<TResult, TVariables> {
  readonly kraken: KrakenOperation;
  /** Phantom: never set at runtime; carries the operation's documented error codes for typing. */
  readonly ' $errorCodes'?: TCode;
}

/**
 * Any document a call accepts: a generated KrakenDocument, a TypedDocumentNode, or a plain
 * DocumentNode. (`never` variables so that every variables type fits.)
 */
export type AnyDocument = DocumentTypeDecoration<unknown, never> | DocumentNode;

/** Codes any Kraken call can return: auth, the per-request limits (complexity, nodes) and the rate limit. */
export type CommonErrorCode = 'KT-CT-1111' | 'KT-CT-1112' | 'KT-CT-1113' | 'KT-CT-1124' | 'KT-CT-1188' | 'KT-CT-1189' | 'KT-CT-1199';

declare const unlistedCode: unique symbol;
/**
 * A code no description lists (servers send them): keeps an error's `code` open, so a `switch` over the
 * listed codes is never taken for exhaustive. It is a string at run time, typed so that no literal matches
 * it: `e.code === 'KT-CT-8202'` (a typo, or a code the document does not list) does not compile after
 * `isKrakenError(e, Document)`; compare with a `string` variable, or test with a module's `isUnlistedErrorCode`.
 */
export type OtherErrorCode = `${string}\u{10FFFF}unlisted` & { readonly [unlistedCode]: true };

/** The error codes a document can produce: its documented codes plus the common ones; `string` for plain documents. */
export type ErrorCodeOf<D> =
  D extends { readonly kraken: KrakenOperation; readonly ' $errorCodes'?: infer C }
    ? Exclude<C, undefined> | CommonErrorCode
    : string;

/** Operations of users' DocumentNodes, found once per document (a promise while the printer loads). */
const operationsOfNodes = new WeakMap<object, KrakenOperation | Promise<KrakenOperation>>();

/** The operation a KrakenDocument carries; undefined for anything else. */
export function krakenOperationOf(document: unknown): KrakenOperation | undefined {
  if (typeof document !== 'object' || document === null) return undefined;
  const meta = (document as { kraken?: unknown }).kraken;
  if (typeof meta !== 'object' || meta === null) return undefined;
  const candidate = meta as Partial<Record<keyof KrakenOperation, unknown>>;
  return typeof candidate.text === 'string' && typeof candidate.operationName === 'string' ? (meta as KrakenOperation) : undefined;
}

/** The document's only operation; a TypeError for anything else. */
export function soleOperation(document: unknown): OperationDefinitionNode {
  const node = document as Partial<DocumentNode> | null;
  if (typeof node !== 'object' || node === null || node.kind !== 'Document' || !Array.isArray(node.definitions)) {
    throw new TypeError('Expected a GraphQL document (a KrakenDocument or a DocumentNode).');
  }
  const operations = node.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  if (operations.length !== 1 || operations[0] === undefined) {
    throw new TypeError(`Expected exactly one operation in the document, found ${operations.length}.`);
  }
  return operations[0];
}

async function printOperation(document: DocumentNode, operationName: string): Promise<KrakenOperation> {
  // Loaded on first need: most apps send generated documents or parsed ones, which carry their text.
  const { printDocument } = await import('./print.js');
  return { operationName, text: printDocument(document), endpoint: 'api' };
}

/**
 * The operation text, name and endpoint of any document. A generated document carries them; a
 * user's DocumentNode reuses its source text (`loc.source.body`) when it has one, else is printed
 * once, so repeated calls cost a WeakMap lookup. Invalid documents throw a TypeError synchronously;
 * the result is a promise only while a document waits for its first print.
 */
export function operationOf(document: KrakenDocument<unknown, never, string>): KrakenOperation;
export function operationOf(document: AnyDocument): KrakenOperation | Promise<KrakenOperation>;
export function operationOf(document: AnyDocument): KrakenOperation | Promise<KrakenOperation> {
  const meta = krakenOperationOf(document);
  if (meta) return meta;
  const known = operationsOfNodes.get(document);
  if (known) return known;
  const node = document as DocumentNode;
  const operationName = soleOperation(node).name?.value ?? '';
  const { loc } = node;
  if (loc?.source && typeof loc.source.body === 'string' && loc.end > loc.start) {
    const operation: KrakenOperation = { operationName, text: loc.source.body.slice(loc.start, loc.end), endpoint: 'api' };
    operationsOfNodes.set(node, operation);
    return operation;
  }
  const printing = printOperation(node, operationName).then(
    (operation) => {
      operationsOfNodes.set(node, operation);
      return operation;
    },
    (error: unknown) => {
      operationsOfNodes.delete(node);
      throw error;
    },
  );
  operationsOfNodes.set(node, printing);
  return printing;
}
