// The client's own printer (src/client/print.ts) for DocumentNodes without source text: what it prints
// parses back to the same document as graphql's printer gives, for every operation of both brands, a
// document using every node kind a request can hold, and arbitrary string values.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, print } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient } from 'kraken-sdk';
import { printDocument } from '../../src/core/print.js';

/** The AST without `block` (a block string and a quoted one with the same value are the same string). */
const meaning = (document: DocumentNode): unknown => JSON.parse(JSON.stringify(document, (key, value: unknown) => (key === 'block' ? undefined : value)));

const sameDocument = (document: DocumentNode): void => {
  const printed = printDocument(document);
  expect(meaning(parse(printed, { noLocation: true }))).toEqual(meaning(document));
  expect(printed.length).toBeLessThanOrEqual(print(document).length);
};

const EVERY_KIND = `
  query Every($id: ID!, $first: Int = 10, $filter: Filter = { kinds: [A, B], text: "x\\n\\"y\\"", on: true, none: null, ratio: 1.5e3 }, $list: [[String!]]! @deprecated)
  @live { 
    account(id: $id) @include(if: true) { ...AccountFields ... on Business @skip(if: false) { name } ... @defer { number } }
    alias: node(id: "a") { id }
    search(text: """block
      string with "quotes" and \\u00e9""", first: $first, flags: [], where: {}) { __typename }
  }
  fragment AccountFields on Account @frag { id balance(currency: GBP) }
`;

describe('printDocument', () => {
  it('prints a document with every request node kind to the same document', () => {
    sameDocument(parse(EVERY_KIND, { noLocation: true }));
  });

  it('prints every operation of both brands to the same document', async () => {
    let count = 0;
    for (const brand of ['st', 'oejp']) {
      const folder = join(import.meta.dirname, '..', '..', 'operations', brand);
      for (const file of await readdir(folder)) {
        sameDocument(parse(await readFile(join(folder, file), 'utf8'), { noLocation: true }));
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(300);
  });

  it('keeps any string value exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const document = parse(`{ f(s: ${JSON.stringify(text)}) }`, { noLocation: true });
        const reparsed = parse(printDocument(document), { noLocation: true });
        expect(reparsed).toEqual(document);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses type definitions, naming them', () => {
    expect(() => printDocument(parse('type Query { a: Int }', { noLocation: true }))).toThrow(/cannot hold a ObjectTypeDefinition \(Query\)/);
  });

  it('is what the client sends for a DocumentNode without source text', async () => {
    const bodies: string[] = [];
    const fetch = (_url: URL | RequestInfo, init?: RequestInit): Promise<Response> => {
      bodies.push(String(init?.body));
      return Promise.resolve(Response.json({ data: { ping: 'pong' } }));
    };
    const document = parse('mutation Ping($n: Int = 1) { ping(n: $n) }', { noLocation: true }) as TypedDocumentNode<{ ping: string }, { n?: number }>;
    await expect(createKrakenClient({ endpoint: 'https://api.example.test/graphql/', fetch }).request(document)).resolves.toEqual({ ping: 'pong' });
    expect(JSON.parse(bodies[0] ?? '{}')).toMatchObject({ query: 'mutation Ping($n:Int=1) {ping(n:$n)}', operationName: 'Ping' });
  });
});
