// The one place the client side parses: on demand, for code that needs an AST (other GraphQL
// clients, the mocks). Kept out of the client's import graph so `graphql` is never loaded with it.
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { krakenOperationOf } from '../core/document.js';

const parsedDocuments = new WeakMap<object, DocumentNode>();

/**
 * A `DocumentNode` for any document: a KrakenDocument's text parsed once (then cached), keeping its
 * result and variable types, for clients that need an AST (Apollo, urql). A DocumentNode is returned
 * as is. Anything else is a TypeError.
 */
export function toDocumentNode<TResult, TVariables>(
  document: DocumentTypeDecoration<TResult, TVariables> | DocumentNode,
): TypedDocumentNode<TResult, TVariables> {
  const operation = krakenOperationOf(document);
  if (operation === undefined) {
    if ((document as Partial<DocumentNode> | null)?.kind !== 'Document') {
      throw new TypeError('toDocumentNode expects a KrakenDocument or a DocumentNode.');
    }
    return document as TypedDocumentNode<TResult, TVariables>;
  }
  let parsed = parsedDocuments.get(document);
  if (parsed === undefined) {
    parsed = parse(operation.text);
    parsedDocuments.set(document, parsed);
  }
  return parsed as TypedDocumentNode<TResult, TVariables>;
}
