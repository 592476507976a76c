// Issue 27.6: scalars typed from their descriptions (string/ID/number), the rest unknown and listed once;
// one documented mapping option, as a CLI flag and a preset option.
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseScalarMappings, ScalarMappingError, scalarFromDescription, userScalarMappings } from '../../src/codegen/user-scalars.js';

const schema = buildSchema(`
"""A string of a business role, e.g. OWNER."""
scalar BusinessRoleString
"""Non-empty ID."""
scalar NonEmptyID
"""A whole number of pence."""
scalar Pence
"""Something."""
scalar Mystery
scalar Bare
scalar DateTime
type Query { a: BusinessRoleString b: NonEmptyID c: Pence d: Mystery e: Bare f: DateTime }
`);

describe('scalar typing', () => {
  it('types a scalar by its description; the rest are unknown, listed in one warning naming the option', () => {
    const warnings: string[] = [];
    expect(userScalarMappings(schema, (message) => warnings.push(message))).toEqual({
      Bare: 'unknown',
      BusinessRoleString: 'string',
      DateTime: 'string',
      Mystery: 'unknown',
      NonEmptyID: 'string',
      Pence: 'number',
    });
    expect(warnings).toEqual(["2 scalars have no known mapping, typed as unknown: Bare, Mystery (map them with --scalars Name=type (or the preset's scalars option))"]);
  });

  it("the user's mappings come first, and one for a scalar the schema lacks is named", () => {
    const warnings: string[] = [];
    const mappings = userScalarMappings(schema, (message) => warnings.push(message), undefined, { Mystery: 'number', Bare: 'string | null', Pence: 'string', Nope: 'string' });
    expect(mappings).toMatchObject({ Mystery: 'number', Bare: 'string | null', Pence: 'string' });
    expect(warnings).toEqual(['scalar mapping Nope: the schema has no scalar Nope']);
  });

  it('--scalars reads Name=type pairs and refuses what is not a TypeScript name, array or union', () => {
    expect(parseScalarMappings('Money=string, Count=number,Tags=string[]')).toEqual({ Money: 'string', Count: 'number', Tags: 'string[]' });
    expect(() => parseScalarMappings('Money')).toThrow(ScalarMappingError);
    expect(() => parseScalarMappings('Money=string; process.exit(1)')).toThrow(/the type must be TypeScript names/);
  });

  it.each([
    ['A string.', 'string'],
    ['An ID of an account.', 'string'],
    ['A floating point number.', 'number'],
    ['Some value.', undefined],
  ])('%s -> %s', (description, expected) => {
    expect(scalarFromDescription(description)).toBe(expected);
  });
});

describe('generate --scalars', () => {
  it('maps a scalar in the generated types; a bad pair is a usage error naming the flag', async () => {
    const { mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../../src/cli/run.js');
    const { thirdBrandSchema } = await import('../fulltypes/third-brand-schema.js');
    const dir = await mkdtemp(join(tmpdir(), 'scalars-'));
    try {
      await writeFile(join(dir, 'schema.graphql'), thirdBrandSchema().sdl);
      const err: string[] = [];
      const io = { stdout: () => {}, stderr: (line: string) => err.push(line), stopSignal: () => new Promise<never>(() => {}) };
      expect(await runCli(['generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'out'), '--scalars', 'GenericScalar=string'], io)).toBe(0);
      const types = await readFile(join(dir, 'out/graphql.ts'), 'utf8');
      expect(types).toMatch(/GenericScalar: \{ input: string; output: string; \}/);
      // Date is described as "an ISO 8601 string" and is a known Kraken scalar: string either way; nothing is left unknown.
      expect(err.filter((line) => line.includes('no known mapping'))).toEqual([]);
      err.length = 0;
      expect(await runCli(['generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'bad'), '--scalars', 'GenericScalar'], io)).toBe(2);
      expect(err[0]).toBe('kraken-sdk generate: Flag --scalars: "GenericScalar" is not Name=type (e.g. Money=string).');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
