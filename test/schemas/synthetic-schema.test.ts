// The synthetic Kraken-scale schema: its size and shape, its determinism, and the error codes it
// lists (both forms) as drift and the user module read them, counted against what it put in.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsFromDescription } from '../../src/catalog/error-list.js';
import type { Catalog } from '../../src/catalog/types.js';
import { compareWithCatalog } from '../../src/drift/drift.js';
import { syntheticKrakenSchema, type SyntheticSchema } from '../support/synthetic-schema.js';

const catalog = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../catalog/st.json'), 'utf8')) as Catalog;
let synthetic: SyntheticSchema;
beforeAll(() => {
  synthetic = syntheticKrakenSchema({ seed: 18, catalog });
});

describe('the synthetic Kraken-scale schema', () => {
  it('has a real brand’s scale and shape, and is a valid schema', () => {
    expect(validateSchema(synthetic.schema).map((error) => error.message)).toEqual([]);
    const types = Object.values(synthetic.schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
    const objects = types.filter(isObjectType);
    const counts = {
      objects: objects.length,
      inputs: types.filter(isInputObjectType).length,
      enums: types.filter(isEnumType).length,
      unions: types.filter(isUnionType).length,
      interfaces: types.filter(isInterfaceType).length,
    };
    expect(counts.objects).toBeGreaterThanOrEqual(1000);
    expect(counts.inputs).toBeGreaterThanOrEqual(450);
    expect(counts.enums).toBeGreaterThanOrEqual(200);
    expect(counts.unions).toBeGreaterThan(100);
    expect(counts.interfaces).toBeGreaterThanOrEqual(2);
    const connections = objects.filter((type) => type.name.endsWith('Connection') && 'pageInfo' in type.getFields() && 'edges' in type.getFields());
    expect(connections.length).toBeGreaterThanOrEqual(80);
    const query = synthetic.schema.getQueryType()!.getFields();
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['rateLimitInfo', 'queryComplexity']));
    const paged = Object.values(query).filter((field) => ['first', 'after'].every((name) => field.args.some((arg) => arg.name === name)));
    expect(paged.length).toBeGreaterThanOrEqual(80);
    const login = synthetic.schema.getType('ObtainJSONWebTokenInput');
    expect(isInputObjectType(login) && Object.keys(login.getFields())).toEqual(expect.arrayContaining(['email', 'password', 'APIKey']));
    for (const scalar of ['Date', 'DateTime', 'Decimal', 'JSONString', 'GenericScalar', 'UUID', 'BigInt', 'Duration']) expect(synthetic.schema.getType(scalar)).toBeDefined();
    const mutation = synthetic.schema.getMutationType()!.getFields();
    expect(catalog.operations.filter((operation) => !mutation[operation.field])).toEqual([]);
    const deprecatedArgs = Object.values(mutation).flatMap((field) => field.args.filter((arg) => arg.deprecationReason));
    expect(deprecatedArgs.length).toBeGreaterThan(0);
    console.log(`synthetic schema (seed 18): ${JSON.stringify({ ...counts, connections: connections.length, mutations: Object.keys(mutation).length, sdlBytes: synthetic.sdl.length })}`);
  });

  it('has union members sharing a field name with differing types', () => {
    const union = synthetic.schema.getType(synthetic.manifest.conflictingUnions[0]!);
    if (!isUnionType(union)) throw new Error('not a union');
    const [first, second] = union.getTypes();
    const shared = Object.keys(first!.getFields()).find((name) => name !== 'detail' && name in second!.getFields());
    expect(String(first!.getFields()[shared!]!.type)).not.toBe(String(second!.getFields()[shared!]!.type));
  });

  it('is the same for the same seed, and differs for another', () => {
    expect(syntheticKrakenSchema({ seed: 18, catalog }).sdl).toBe(synthetic.sdl);
    expect(syntheticKrakenSchema({ seed: 19, catalog }).sdl).not.toBe(synthetic.sdl);
  });

  it('lists codes in both forms, and every description reads back to exactly the codes put in', () => {
    const mutation = synthetic.schema.getMutationType()!.getFields();
    const oneLine = [...synthetic.manifest.oneLineFields];
    expect(oneLine.length).toBeGreaterThan(50);
    expect(synthetic.manifest.listedCodes.size - oneLine.length).toBeGreaterThan(50);
    const read = new Map<string, string[]>();
    for (const field of Object.values(mutation)) {
      const codes = errorsFromDescription(field.description).map((error) => error.code);
      if (codes.length > 0) read.set(field.name, codes);
    }
    expect(read).toEqual(synthetic.manifest.listedCodes);
    const total = [...read.values()].reduce((sum, codes) => sum + codes.length, 0);
    console.log(`codes listed: ${total} on ${read.size} mutations (${oneLine.length} on one line)`);
  });

  it('drift finds exactly the documented codes left out of descriptions, and nothing else', () => {
    const report = compareWithCatalog(catalog, synthetic.schema);
    const found = new Map(report.unlistedErrorCodes.map(({ field, codes }) => [field, codes]));
    expect(found).toEqual(synthetic.manifest.unlistedCodes);
    expect(synthetic.manifest.unlistedCodes.size).toBeGreaterThan(20);
    expect(report.missingOnServer).toEqual([]);
    expect(report.argumentChanges).toEqual([]);
    expect(report.returnTypeChanges).toEqual([]);
  });
});
