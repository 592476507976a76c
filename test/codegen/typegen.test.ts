import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationTexts } from '../../src/codegen/operation-texts.js';
import { OPEN_INPUT_OBJECT, UnmappedScalarError, scalarMappings } from '../../src/codegen/page-scalars.js';
import { OPAQUE_INPUT_DESCRIPTION } from '../../src/generator/schema-sdl.js';
import * as st from '../../src/brands/st.js';
import * as oejp from '../../src/brands/oejp.js';
import { errorMessages as stErrorMessages } from '../../src/brands/st-error-messages.js';
import { errorMessages as oejpErrorMessages } from '../../src/brands/oejp-error-messages.js';
import { catalog as stCatalog } from '../../src/generated/st/catalog.js';
import { catalog as oejpCatalog } from '../../src/generated/oejp/catalog.js';

describe('operationTexts', () => {
  const sources = [
    'mutation A($input: AInput!) { a(input: $input) { x { ...XFragment } } }',
    'mutation B { b { ok } }',
    'fragment XFragment on X { __typename ...YFragment }\nfragment YFragment on Y { __typename }\nfragment ZFragment on Z { __typename }',
  ];

  it('sends each operation with exactly the fragments it reaches, transitively, without ignored characters', () => {
    const texts = operationTexts(sources);
    expect(texts.get('A')).toBe(
      'mutation A($input:AInput!){a(input:$input){x{...XFragment}}}fragment XFragment on X{__typename ...YFragment}fragment YFragment on Y{__typename}',
    );
    expect(texts.get('B')).toBe('mutation B{b{ok}}');
  });

  it('refuses a spread of an undefined fragment, naming it', () => {
    expect(() => operationTexts(['mutation C { c { ...Missing } }'])).toThrow(/Fragment "Missing"/);
  });
});

describe('scalarMappings', () => {
  it('maps opaque input objects to an open JSON object and value scalars to their TypeScript type', () => {
    const mappings = scalarMappings(`
      ${JSON.stringify(OPAQUE_INPUT_DESCRIPTION)}
      scalar FooInput
      scalar DateTime
      scalar GenericScalar
      type Query { f(input: FooInput, at: DateTime): GenericScalar }
    `);
    expect(mappings).toEqual({ DateTime: 'string', FooInput: OPEN_INPUT_OBJECT, GenericScalar: 'unknown' });
  });

  it('stops on a scalar with no deliberate mapping', () => {
    expect(() => scalarMappings('scalar Mystery\ntype Query { f: Mystery }')).toThrow(UnmappedScalarError);
    expect(() => scalarMappings('scalar Mystery\ntype Query { f: Mystery }')).toThrow(/"Mystery"/);
  });
});

describe('generated documents', () => {
  const brands = [
    { catalog: stCatalog, documents: st as unknown as Record<string, { kraken?: { text: string; endpoint: string; operationName: string } }> },
    { catalog: oejpCatalog, documents: oejp as unknown as Record<string, { kraken?: { text: string; endpoint: string; operationName: string } }> },
  ];

  it('every catalog operation has a document carrying its precomputed text and endpoint', () => {
    for (const { catalog, documents } of brands) {
      for (const operation of catalog.operations) {
        const meta = documents[`${operation.operationName}Document`]?.kraken;
        expect(meta, operation.operationName).toBeDefined();
        expect(meta?.operationName).toBe(operation.operationName);
        expect(meta?.endpoint).toBe(operation.endpoint);
        const definitions = parse(meta?.text ?? '').definitions;
        expect(definitions[0]).toMatchObject({ kind: 'OperationDefinition', name: { value: operation.operationName } });
      }
    }
  });

  it('routes the authentication-server operations to the auth endpoint', () => {
    expect(oejp.CreateMfaDeviceDocument.kraken.endpoint).toBe('auth');
    expect(oejp.AcceptGoodsQuoteDocument.kraken.endpoint).toBe('api');
  });

  it('marks every deprecated operation with @deprecated, its reason and removal date', () => {
    for (const { catalog } of brands) {
      const source = readFileSync(`src/generated/${catalog.brand}/documents.ts`, 'utf8');
      const deprecated = catalog.operations.filter((operation) => operation.deprecation);
      expect(deprecated.length).toBeGreaterThan(0);
      for (const operation of deprecated) {
        const block = source.slice(0, source.indexOf(`export const ${operation.operationName}Document:`));
        const jsDoc = block.slice(block.lastIndexOf('/**'));
        expect(jsDoc).toContain('@deprecated');
        expect(jsDoc).toContain(operation.deprecation?.removalOn);
      }
      expect(source.match(/@deprecated/g)).toHaveLength(deprecated.length);
    }
  });

  it('tables every documented code with its documented messages', () => {
    expect(Object.keys(stErrorMessages)).toHaveLength(651);
    expect(Object.keys(oejpErrorMessages)).toHaveLength(170);
    expect(stErrorMessages['KT-CT-1112']).toEqual(["'Authorization' header not provided."]);
  });
});
