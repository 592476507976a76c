import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isUnionType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KrakenBrand } from '../../mocks/brands.js';
import { brandSource } from '../../mocks/brands.js';
import { createKrakenEngine } from '../../mocks/engine.js';
import { parsePage } from '../../src/generator/parse-page.js';
import { referencePages } from '../support/reference-pages.js';
import type { AnsweredLeaf, DefaultAnswer } from './default-answers.js';
import { answeredLeaves, defaultAnswers } from './default-answers.js';

const BRANDS: readonly KrakenBrand[] = ['st', 'oejp'];
const pages = referencePages();

/** Mutations whose result is a union (the page lists "... on Member" blocks), by brand. */
function unionOperations(brand: KrakenBrand): string[] {
  const { catalog, schemaSdl } = brandSource(brand);
  const mutation = createKrakenEngine({ catalog, schemaSdl }).schema.getMutationType();
  return catalog.operations.map((op) => op.field).filter((field) => isUnionType(getNamedType(mutation?.getFields()[field]?.type ?? null)));
}

const answers = new Map<KrakenBrand, DefaultAnswer[]>();
beforeAll(async () => {
  for (const brand of BRANDS) answers.set(brand, await defaultAnswers(brand));
}, 60_000);

function answerOf(brand: KrakenBrand, field: string): DefaultAnswer {
  const answer = answers.get(brand)?.find((candidate) => candidate.field === field);
  if (!answer) throw new Error(`${brand} ${field}: no answer`);
  return answer;
}

function allLeaves(): AnsweredLeaf[] {
  return BRANDS.flatMap((brand) => {
    const schema = createKrakenEngine(brandSource(brand)).schema;
    return (answers.get(brand) ?? []).flatMap((answer) => answeredLeaves(schema, brand, answer));
  });
}

describe('the default member of a union result', () => {
  it('covers the 19 union operations of both brands', () => {
    expect(BRANDS.map((brand) => unionOperations(brand).length)).toEqual([2, 17]);
  });

  describe.each(BRANDS)('%s', (brand) => {
    const catalog = brandSource(brand).catalog;
    it.each(unionOperations(brand))('%s answers the member its catalog example shows', (field) => {
      const example = catalog.operations.find((op) => op.field === field)?.example as { __typename?: string } | undefined;
      expect(example?.__typename).toEqual(expect.any(String));
      expect((answerOf(brand, field).result as { __typename: string }).__typename).toBe(example?.__typename);
    });

    it.skipIf(pages.skipReason !== null)('the catalog example shows the member of the page Response example', () => {
      const page = parsePage(readFileSync(join(pages.dir, `${brand}-mutations.txt`), 'utf8'), { source: `${brand}-mutations.txt` });
      const fields = unionOperations(brand);
      for (const field of fields) {
        const entry = page.entries.find((candidate) => candidate.field === field);
        // The page shows a union result by the member's type name: "data": { "<field>": Member }.
        const shown = new RegExp(`"${field}":\\s*([A-Za-z_][A-Za-z0-9_]*)`).exec(entry?.responseText ?? '')?.[1];
        expect(shown, field).toEqual(expect.any(String));
        expect((answerOf(brand, field).result as { __typename: string }).__typename, field).toBe(shown);
      }
    });
  });
});

/** The value the catalog example (the page's Response example) shows at the leaf's path, if any. */
function documented(leaf: AnsweredLeaf): unknown {
  const [brand, operationName, path] = leaf.where.split(' ') as [KrakenBrand, string, string];
  const operation = brandSource(brand).catalog.operations.find((op) => op.operationName === operationName);
  let cursor: unknown = { [operation?.field ?? '']: operation?.example };
  for (const key of path.split('.')) cursor = Array.isArray(cursor) ? cursor[0] : (cursor as Record<string, unknown> | undefined)?.[key];
  return cursor;
}

describe('default values are plausible for their field', () => {
  const checked = (select: (leaf: AnsweredLeaf) => boolean, minimum: number): AnsweredLeaf[] => {
    const leaves = allLeaves().filter(select);
    expect(leaves.length).toBeGreaterThanOrEqual(minimum);
    return leaves;
  };

  it('every field named like a URL holds an https URL', () => {
    for (const leaf of checked((l) => /(^url|Url|URL|Uri)$/.test(l.fieldName) && l.typeName !== 'Boolean', 3)) {
      expect(() => new URL(String(leaf.value)), leaf.where).not.toThrow();
      expect(new URL(String(leaf.value)).protocol, leaf.where).toBe('https:');
    }
  });

  it('every field named like an email holds an email address', () => {
    for (const leaf of checked((l) => /(^email|Email)$/.test(l.fieldName), 6)) {
      expect(leaf.value, leaf.where).toMatch(/^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i);
    }
  });

  it('every phone number field holds an E.164 number', () => {
    for (const leaf of checked((l) => /^(mobile|landline)$|[pP]hone(Number)?$/.test(l.fieldName) && l.typeName === 'String', 3)) {
      expect(leaf.value, leaf.where).toMatch(/^\+\d{8,15}$/);
    }
  });

  it('every Int is a non-negative integer and every Float a non-negative number', () => {
    for (const leaf of checked((l) => l.typeName === 'Int', 10)) {
      expect(Number.isInteger(leaf.value) && (leaf.value as number) >= 0, `${leaf.where}: ${String(leaf.value)}`).toBe(true);
    }
    for (const leaf of checked((l) => l.typeName === 'Float', 1)) {
      expect(typeof leaf.value === 'number' && Number.isFinite(leaf.value) && leaf.value >= 0, leaf.where).toBe(true);
    }
  });

  it('every Date and DateTime is a valid ISO 8601 string', () => {
    for (const leaf of checked((l) => l.typeName === 'Date', 3)) {
      const text = String(leaf.value);
      expect(text, leaf.where).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10), leaf.where).toBe(text);
    }
    for (const leaf of checked((l) => l.typeName === 'DateTime', 3)) {
      expect(leaf.value, leaf.where).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
      expect(Number.isNaN(Date.parse(String(leaf.value))), leaf.where).toBe(false);
    }
  });

  it('every enum-like value is one the page documents', () => {
    const enumLike = checked((l) => /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{2,}$/.test(String(documented(l))), 3);
    for (const leaf of enumLike) expect(leaf.value, leaf.where).toBe(documented(leaf));
  });

  it('every Boolean the page shows as true is true (the success shape)', () => {
    for (const leaf of checked((l) => l.typeName === 'Boolean' && documented(l) === true, 20)) expect(leaf.value, leaf.where).toBe(true);
  });
});

describe('default answers are deterministic', () => {
  it('a fresh mock gives the same answer to every operation of both brands', async () => {
    for (const brand of BRANDS) {
      expect(await defaultAnswers(brand), brand).toEqual(answers.get(brand));
    }
  }, 60_000);

  it('the same mock answers the same request the same way twice', async () => {
    const engine = createKrakenEngine(brandSource('st'), { now: () => Date.UTC(2026, 0, 1) });
    // Each login issues a new token (its own jti) by design; every other answer repeats.
    const withoutLogin = (list: DefaultAnswer[]) => list.filter((answer) => answer.field !== 'obtainKrakenToken');
    const first = withoutLogin(await defaultAnswers('st', engine));
    expect(first).toHaveLength(294);
    expect(withoutLogin(await defaultAnswers('st', engine))).toEqual(first);
  }, 60_000);
});
