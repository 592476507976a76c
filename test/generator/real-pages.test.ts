import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/catalog/types.js';
import { generateBrandFiles } from '../../src/generator/generate.js';
import { referencePages } from '../support/reference-pages.js';

const root = join(import.meta.dirname, '../..');
const { dir: pagesDir, skipReason } = referencePages();
const itWithPages = it.skipIf(skipReason !== null);
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

// Measured on the pages: error lines on the page / entries after removing repeats within an
// operation / distinct codes across the brand.
const EXPECTED = {
  st: { operations: 295, deprecated: 8, errorLines: 1900, errorEntries: 1857, distinctCodes: 651, auth: [] as string[] },
  oejp: {
    operations: 98,
    deprecated: 2,
    errorLines: 414,
    errorEntries: 408,
    distinctCodes: 170,
    auth: ['createMfaDevice', 'deleteMfaDevice', 'validateMfaDevice'],
  },
};

describe.each(Object.entries(EXPECTED))('committed output for %s', (brand, expected) => {
  const catalog = JSON.parse(read(`catalog/${brand}.json`)) as Catalog;
  const schema = buildSchema(read(`schema/${brand}.graphql`));
  const fragments = read(`operations/${brand}/fragments.graphql`);

  it('lists every documented mutation', () => {
    expect(catalog.operations).toHaveLength(expected.operations);
    expect(catalog.operations.filter((o) => o.deprecation !== null)).toHaveLength(expected.deprecated);
    expect(catalog.operations.filter((o) => o.endpoint === 'auth').map((o) => o.field)).toEqual(expected.auth);
    expect(catalog.endpoints.auth === undefined).toBe(expected.auth.length === 0);
  });

  itWithPages('lists every documented error code of every operation', () => {
    const text = readFileSync(join(pagesDir, `${brand}-mutations.txt`), 'utf8');
    expect(text.match(/^- K[A-Z]-[A-Z]+-\d+: /gm)).toHaveLength(expected.errorLines);
    const errors = catalog.operations.flatMap((o) => o.errors);
    expect(errors).toHaveLength(expected.errorEntries);
    expect(new Set(errors.map((e) => e.code)).size).toBe(expected.distinctCodes);
    for (const operation of catalog.operations) {
      const codes = operation.errors.map((e) => e.code);
      expect(new Set(codes).size, operation.field).toBe(codes.length);
    }
  });

  it('every operation parses and validates against the brand schema', () => {
    expect(new Set(catalog.operations.map((o) => o.document)).size).toBe(expected.operations);
    for (const operation of catalog.operations) {
      const document: DocumentNode = parse(`${read(operation.document)}\n${fragments}`);
      const errors = validate(schema, document, undefined, { maxErrors: 10_000 }).filter(
        (error) => !/^Fragment ".+" is never used\.$/.test(error.message),
      );
      expect(errors.map((e) => e.message), operation.document).toEqual([]);
    }
  });

  itWithPages('recovers the entries that lost their headings', () => {
    const recovered = generateBrandFiles({
      brand,
      pageFileName: `${brand}-mutations.txt`,
      text: readFileSync(join(pagesDir, `${brand}-mutations.txt`), 'utf8'),
    }).page.entries.filter((e) => e.recovered);
    const names = { st: ['nextOperationsTeamRoundRobin', 'purchaseVoucher'], oejp: ['initiateLiveChat', 'sendLiveChatMessage'] };
    expect(recovered.map((e) => e.field)).toEqual(names[brand as keyof typeof names]);
    for (const entry of recovered) {
      expect(catalog.operations.find((o) => o.field === entry.field)?.document).toMatch(/\.graphql$/);
    }
  });

  itWithPages('is deterministic and matches the committed files byte for byte', () => {
    const input = { brand, pageFileName: `${brand}-mutations.txt`, text: readFileSync(join(pagesDir, `${brand}-mutations.txt`), 'utf8') };
    const first = generateBrandFiles(input).files;
    const second = generateBrandFiles(input).files;
    expect([...second]).toEqual([...first]);
    for (const [path, content] of first) expect(read(path), path).toBe(content);
  });
});
