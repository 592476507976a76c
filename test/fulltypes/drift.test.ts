import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogOperation } from '../../src/catalog/types.js';
import { runCli } from '../../src/cli/run.js';
import { compareWithCatalog, hasDrift, renderDriftTable } from '../../src/drift/drift.js';

const operation = (field: string, extra: Partial<CatalogOperation> = {}): CatalogOperation => ({
  field,
  operationName: field[0]?.toUpperCase() + field.slice(1),
  endpoint: 'api',
  returnType: null,
  args: [{ name: 'input', type: `${field}Input!` }],
  errors: [],
  deprecation: null,
  description: '',
  document: '',
  ...extra,
});

const catalog: Catalog = {
  brand: 'xx',
  endpoints: { api: 'https://api.xx.example/v1/graphql/' },
  operations: [
    operation('keepThing', { returnType: 'KeepThing', errors: [{ code: 'KT-CT-1111', message: 'Unauthorized.' }] }),
    operation('goneThing'),
    operation('mfaThing', { endpoint: 'auth' }),
  ],
};

const schemaWith = (mutation: string, extra = ''): ReturnType<typeof buildSchema> =>
  buildSchema(`type Query { a: Int }\ntype KeepThing { ok: Boolean }\ntype Other { ok: Boolean }\nscalar keepThingInput\nscalar goneThingInput\n${extra}\ntype Mutation {\n${mutation}\n}`);

const KEEP = 'keepThing(input: keepThingInput!): KeepThing';
const GONE = 'goneThing(input: goneThingInput!): Other';

describe('drift between the catalog and a schema', () => {
  it('none when the schema matches (auth-server operations are not expected on the API)', () => {
    const report = compareWithCatalog(catalog, schemaWith(`${KEEP}\n${GONE}`));
    expect(hasDrift(report)).toBe(false);
    expect(renderDriftTable(report)).toBe('No drift: every documented xx mutation matches the schema.');
  });

  it('a documented mutation missing on the server', () => {
    expect(compareWithCatalog(catalog, schemaWith(KEEP)).missingOnServer).toEqual(['goneThing']);
  });

  it('a server mutation the page does not document', () => {
    expect(compareWithCatalog(catalog, schemaWith(`${KEEP}\n${GONE}\nnewThing: Boolean`)).undocumented).toEqual(['newThing']);
  });

  it('argument type changed, argument removed, argument added', () => {
    const report = compareWithCatalog(catalog, schemaWith(`keepThing(input: keepThingInput, dryRun: Boolean!): KeepThing\ngoneThing: Other`));
    expect(report.argumentChanges).toEqual([
      { field: 'keepThing', argument: 'input', documented: 'keepThingInput!', server: 'keepThingInput' },
      { field: 'keepThing', argument: 'dryRun', documented: null, server: 'Boolean!' },
      { field: 'goneThing', argument: 'input', documented: 'goneThingInput!', server: null },
    ]);
  });

  it('return type changed (only where the page gives a Type:)', () => {
    const report = compareWithCatalog(catalog, schemaWith(`keepThing(input: keepThingInput!): Other\ngoneThing(input: goneThingInput!): KeepThing`));
    expect(report.returnTypeChanges).toEqual([{ field: 'keepThing', documented: 'KeepThing', server: 'Other' }]);
  });

  it('deprecated on the server only, with the dates its reason gives', () => {
    const report = compareWithCatalog(
      catalog,
      schemaWith(`${KEEP} @deprecated(reason: "Use keepThings. Marked as deprecated on 2025-01-02. Scheduled for removal on or after 2026-02-03.")\n${GONE}`),
    );
    expect(report.deprecationChanges).toEqual([
      {
        field: 'keepThing',
        documented: null,
        server: 'Use keepThings. Marked as deprecated on 2025-01-02. Scheduled for removal on or after 2026-02-03.',
        serverDeprecatedOn: '2025-01-02',
        serverRemovalOn: '2026-02-03',
      },
    ]);
    expect(renderDriftTable(report)).toContain('keepThing  not deprecated  deprecated 2025-01-02, removal 2026-02-03: Use keepThings.');
  });

  it('documented as deprecated but not on the server, and deprecation dates that differ', () => {
    const deprecation = { reason: 'Use other.', deprecatedOn: '2024-01-01', removalOn: '2025-01-01' };
    const deprecated: Catalog = { ...catalog, operations: catalog.operations.map((o) => ({ ...o, deprecation })) };
    const report = compareWithCatalog(
      deprecated,
      schemaWith(`${KEEP}\ngoneThing(input: goneThingInput!): Other @deprecated(reason: "Use other. Marked as deprecated on 2024-01-01. Scheduled for removal on or after 2027-06-30.")`),
    );
    expect(report.deprecationChanges.map((c) => [c.field, c.server === null ? null : c.serverRemovalOn])).toEqual([
      ['keepThing', null],
      ['goneThing', '2027-06-30'],
    ]);
    // Same dates: no drift.
    const same = compareWithCatalog(
      deprecated,
      schemaWith(`${KEEP} @deprecated(reason: "x")\ngoneThing(input: goneThingInput!): Other @deprecated(reason: "Marked as deprecated on 2024-01-01. Scheduled for removal on or after 2025-01-01.")`),
    );
    expect(same.deprecationChanges).toEqual([]);
  });

  it('documented codes the description no longer lists (a description listing none says nothing)', () => {
    const listed = `"""\nKeep.\n\nThe possible errors that can be raised are:\n\n- KT-CT-4123: Unauthorized.\n"""\n`;
    expect(compareWithCatalog(catalog, schemaWith(`${listed}${KEEP}\n${GONE}`)).unlistedErrorCodes).toEqual([{ field: 'keepThing', codes: ['KT-CT-1111'] }]);
    expect(compareWithCatalog(catalog, schemaWith(`"Keep."\n${KEEP}\n${GONE}`)).unlistedErrorCodes).toEqual([]);
  });
});

describe('kraken-sdk drift', () => {
  const fixture = fileURLToPath(new URL('./fixtures/st-full.graphql', import.meta.url));
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(['drift', ...argv], { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stopSignal: () => new Promise(() => {}) });
    return { status, out: out.join('\n'), err };
  };

  it('prints a table; exits 0 without --check and 1 with it', async () => {
    const table = await run(['--brand', 'st', '--schema', fixture]);
    expect(table.status).toBe(0);
    expect(table.out).toContain('Server mutations not documented (1)\nmutation\n--------------------\nbookWidgetInspection');
    expect(table.out).toMatch(/Documented mutations missing on the server \(\d+\)/);
    expect(table.out).toMatch(/\ncreateAccountNote +KT-CT-4196, KT-CT-4195, KT-CT-1112\n/);
    expect((await run(['--brand', 'st', '--schema', fixture, '--check'])).status).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const { out, status } = await run(['--brand', 'st', '--schema', fixture, '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(out) as { undocumented: string[]; deprecationChanges: { field: string }[]; argumentChanges: unknown[] };
    expect(report.undocumented).toEqual(['bookWidgetInspection']);
    // The fixture deprecates createAccountCredit without dates; the page dates it: no change of state, no date to compare.
    expect(report.deprecationChanges).toEqual([]);
    expect(report.argumentChanges).toEqual([]);
  });

  it('exits 1 naming an unreadable schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drift-'));
    try {
      const broken = join(dir, 'broken.graphql');
      await writeFile(broken, 'type Query {');
      const failed = await run(['--brand', 'st', '--schema', broken]);
      expect(failed.status).toBe(1);
      expect(failed.err[0]).toMatch(/broken\.graphql:1: Syntax Error/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
