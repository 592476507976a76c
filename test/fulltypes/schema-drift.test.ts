// Issue 27.4: drift between two pulls of a schema, for any brand: exactly what changed, and --check as a CI gate.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { thirdBrandSchema } from './third-brand-schema.js';

async function cli(argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stopSignal: () => new Promise(() => {}) });
  return { status, out, err };
}

describe('kraken-sdk drift --schema <new> --against <old>', () => {
  const { sdl } = thirdBrandSchema();
  let dir: string;
  let old: string;
  let same: string;
  let edited: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'schema-drift-'));
    old = join(dir, 'old.graphql');
    same = join(dir, 'same.graphql');
    edited = join(dir, 'new.graphql');
    await writeFile(old, `# Schema of http://127.0.0.1:1, pulled by kraken-sdk pull on 2026-01-01 (introspection; sorted).\n\n${sdl}`);
    await writeFile(same, `# Schema of http://127.0.0.1:1, pulled by kraken-sdk pull on 2026-01-02 (introspection; sorted).\n\n${sdl}`);
    // Two edits: an argument removed, a code added to a one-line list.
    const withEdits = sdl.replace('assets(first: Int, after: String)', 'assets(first: Int)').replace('- KT-NW-4000: The widget cannot be registered.', '- KT-NW-4000: The widget cannot be registered. - KT-NW-4999: The widget is already registered.');
    expect(withEdits).not.toBe(sdl);
    await writeFile(edited, withEdits);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('--check exits 0 on identical schemas (the header date aside)', async () => {
    const run = await cli(['drift', '--schema', same, '--against', old, '--check']);
    expect(run.status).toBe(0);
    expect(run.out[0]).toMatch(/^No drift/);
  });

  it('reports exactly the removed argument and the added code, as JSON; --check exits 1', async () => {
    const run = await cli(['drift', '--schema', edited, '--against', old, '--json', '--check']);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.out.join('\n'))).toEqual({
      changes: [
        { change: 'added', subject: 'error code', path: 'mutation.registerWidget KT-NW-4999', after: 'The widget is already registered.' },
        { change: 'removed', subject: 'argument', path: 'query.assets(after)', before: 'String' },
      ],
    });
  });

  it('a table by default; added and removed operations, input fields and enum values too', async () => {
    const changed = join(dir, 'more.graphql');
    await writeFile(changed, sdl.replace('  RETIRED\n', '  RETIRED\n  LEAKING\n').replace('input WidgetInput {\n  label: String!', 'input WidgetInput {\n  label: String').replace(/\n {2}"""\n {2}Retire a pump\.[\s\S]*?retirePump\(input: PumpInput!\): PumpPayload/, ''));
    const run = await cli(['drift', '--schema', changed, '--against', old]);
    expect(run.status).toBe(0);
    const text = run.out.join('\n');
    expect(text).toMatch(/^3 changes/);
    expect(text).toMatch(/added\s+enum value\s+AssetStatus\.LEAKING/);
    expect(text).toMatch(/changed\s+input field\s+WidgetInput\.label\s+String! -> String/);
    expect(text).toMatch(/removed\s+operation\s+mutation\.retirePump\s+PumpPayload/);
  });

  it('names a missing --against or --brand', async () => {
    const run = await cli(['drift', '--schema', old]);
    expect(run.status).toBe(2);
    expect(run.err[0]).toBe('kraken-sdk drift: Flag --against (an older schema file) or --brand is required.');
  });
});
