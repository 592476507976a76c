import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import { print } from 'graphql';
import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';

export type { ResultOf, VariablesOf, TypedDocumentNode };

/** Which Kraken server answers an operation: the main API or the separate authentication server. */
export type EndpointKind = 'api' | 'auth';

/** Precomputed facts about one operation, so calls never parse or print. */
export interface KrakenOperation {
  readonly operationName: string;
  readonly text: string;
  readonly endpoint: EndpointKind;
}

/** A documented Kraken operation: typed document + precomputed text + where it is served + its documented KT codes (phantom). */
export interface KrakenDocument<TResult, TVariables, TCode extends string = string>
  extends TypedDocumentNode<TResult, TVariables> {
  readonly kraken: KrakenOperation;
  /** Phantom: never set at runtime; carries the operation's documented error codes for typing. */
  readonly ' $errorCodes'?: TCode;
}

/** Used by generated code: returns the node extended with `kraken` meta (no parsing/printing at runtime). */
export function krakenDocument<TResult, TVariables, TCode extends string>(
  node: TypedDocumentNode<TResult, TVariables>,
  meta: KrakenOperation,
): KrakenDocument<TResult, TVariables, TCode> {
  return { ...node, kraken: meta };
}

/** Codes any Kraken call can return. */
export type CommonErrorCode = 'KT-CT-1111' | 'KT-CT-1112' | 'KT-CT-1113' | 'KT-CT-1124' | 'KT-CT-1199';

/** The error codes a document can produce: its documented codes plus the common ones; `string` for plain documents. */
export type ErrorCodeOf<D> =
  D extends { readonly kraken: KrakenOperation; readonly ' $errorCodes'?: infer C }
    ? Exclude<C, undefined> | CommonErrorCode
    : string;

const printedOperations = new WeakMap<DocumentNode, KrakenOperation>();

function isKrakenOperation(value: unknown): value is KrakenOperation {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<keyof KrakenOperation, unknown>>;
  return typeof candidate.text === 'string' && typeof candidate.operationName === 'string';
}

/**
 * The operation text and name of any document. Generated documents carry them; a hand-written
 * TypedDocumentNode is printed once and cached, so repeated calls cost a WeakMap lookup.
 */
export function operationOf(document: DocumentNode): KrakenOperation {
  const meta = (document as { kraken?: unknown }).kraken;
  if (isKrakenOperation(meta)) return meta;
  const cached = printedOperations.get(document);
  if (cached) return cached;
  if (typeof document !== 'object' || document === null || document.kind !== 'Document') {
    throw new TypeError('Expected a GraphQL document (a DocumentNode or a KrakenDocument).');
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition',
  );
  if (operations.length !== 1) {
    throw new TypeError(`Expected exactly one operation in the document, found ${operations.length}.`);
  }
  const operation: KrakenOperation = {
    operationName: operations[0]?.name?.value ?? '',
    text: print(document),
    endpoint: 'api',
  };
  printedOperations.set(document, operation);
  return operation;
}
