// Hand-made typed documents for tests (what generated code looks like).
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { krakenDocument } from '../../src/client/index.js';
import type { EndpointKind } from '../../src/client/index.js';

export interface ViewerResult {
  readonly viewer: { readonly id: string } | null;
}

export function documentOf<R, V, C extends string = string>(text: string, endpoint: EndpointKind = 'api') {
  const name = /^(?:query|mutation)\s+(\w+)/.exec(text)?.[1] ?? '';
  return krakenDocument<R, V, C>(parse(text) as TypedDocumentNode<R, V>, { operationName: name, text, endpoint });
}

export const ViewerDocument = documentOf<ViewerResult, Record<string, never>, 'KT-CT-4178'>('query Viewer { viewer { id } }');
