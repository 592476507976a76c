// Documents without an AST: generated documents carry only their text; users' DocumentNodes are
// sent by their source text, or printed once; an AST is built only on request (toDocumentNode).
import { Kind, parse, print } from 'graphql';
import type { DocumentNode } from 'graphql';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ResultOf, TypedDocumentNode, VariablesOf } from 'kraken-sdk';
import { operationOf } from 'kraken-sdk';
import { toDocumentNode } from 'kraken-sdk/document-node';
import * as st from 'kraken-sdk/st';

describe('generated documents', () => {
  it('are the operation facts only: no AST, nothing else', () => {
    const document = st.AcceptGoodsQuoteDocument;
    expect(Object.keys(document)).toEqual(['kraken']);
    expect(Object.keys(document.kraken).sort()).toEqual(['endpoint', 'operationName', 'text']);
    expect(operationOf(document)).toBe(document.kraken);
  });
});

describe('operationOf a DocumentNode', () => {
  it('reuses the source text of a parsed document instead of printing it', () => {
    const source = 'mutation Reused { regenerateSecretKey { key } }';
    const operation = operationOf(parse(source));
    expect(operation).toEqual({ operationName: 'Reused', text: source, endpoint: 'api' });
  });

  it('prints a document without source text once, then answers from its cache', async () => {
    const document = parse('mutation Printed { regenerateSecretKey { key } }', { noLocation: true });
    const pending = operationOf(document);
    expect(pending).toBeInstanceOf(Promise);
    const operation = await pending;
    expect(operation).toEqual({ operationName: 'Printed', text: 'mutation Printed {regenerateSecretKey{key}}', endpoint: 'api' });
    expect(operationOf(document)).toBe(operation);
  });

  it('refuses anything that is not a document with exactly one operation, synchronously', () => {
    expect(() => operationOf({} as DocumentNode)).toThrow(/Expected a GraphQL document/);
    expect(() => operationOf(null as unknown as DocumentNode)).toThrow(TypeError);
    expect(() => operationOf(parse('mutation A { a } mutation B { b }'))).toThrow(/exactly one operation in the document, found 2/);
    expect(() => operationOf(parse('fragment F on T { x }'))).toThrow(/found 0/);
  });
});

describe('toDocumentNode', () => {
  it('parses a generated document on demand, once, into the AST of its text', () => {
    const node = toDocumentNode(st.AcceptGoodsQuoteDocument);
    expect(node.kind).toBe(Kind.DOCUMENT);
    expect(node.definitions[0]).toMatchObject({ kind: Kind.OPERATION_DEFINITION, name: { value: 'AcceptGoodsQuote' } });
    expect(print(node)).toBe(print(parse(st.AcceptGoodsQuoteDocument.kraken.text)));
    expect(toDocumentNode(st.AcceptGoodsQuoteDocument)).toBe(node);
  });

  it('keeps the result and variable types', () => {
    const node = toDocumentNode(st.AcceptGoodsQuoteDocument);
    expectTypeOf(node).toEqualTypeOf<TypedDocumentNode<st.AcceptGoodsQuoteMutation, st.AcceptGoodsQuoteMutationVariables>>();
    expectTypeOf<ResultOf<typeof node>>().toEqualTypeOf<st.AcceptGoodsQuoteMutation>();
    expectTypeOf<VariablesOf<typeof node>>().toEqualTypeOf<st.AcceptGoodsQuoteMutationVariables>();
  });

  it('returns a DocumentNode as it is and refuses anything else', () => {
    const document = parse('mutation Mine { x }');
    expect(toDocumentNode(document)).toBe(document);
    expect(() => toDocumentNode({} as DocumentNode)).toThrow(/KrakenDocument or a DocumentNode/);
  });
});
