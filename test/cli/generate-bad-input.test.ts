// generate --schema with input nobody meant to give it (found by a trial as a new user): each gets one line that
// says what is wrong with it, exit 1, and nothing written.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kraken-generate-bad-'));
  await writeFile(join(dir, 'empty.graphql'), '  \n');
  await writeFile(join(dir, 'binary.graphql'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0x75]));
  await mkdir(join(dir, 'folder.graphql'));
  await writeFile(join(dir, 'no-mutations.graphql'), 'type Query { hello: String }\n');
  await mkdir(join(dir, 'no-operations'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function generate(schema: string, ...extra: string[]): Promise<{ code: number; err: string[]; out: string }> {
  const err: string[] = [];
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const code = await runCli(['generate', '--brand', 'st', '--schema', join(dir, schema), '--out', out, ...extra], {
    stdout: () => undefined,
    stderr: (line) => err.push(line),
    stopSignal: () => Promise.resolve('SIGTERM'),
  });
  return { code, err, out };
}

describe('generate --schema with bad input', () => {
  it.each([
    ['empty.graphql', /--schema .*empty\.graphql is empty/],
    ['binary.graphql', /--schema .*binary\.graphql is not a text file/],
    ['folder.graphql', /cannot read --schema .*folder\.graphql: it is a folder/],
    ['missing.graphql', /cannot read --schema .*missing\.graphql: no such file/],
    ['no-mutations.graphql', /the schema has none of st's \d+ documented mutations and no --operations were given: nothing to generate/],
  ])('%s: one line naming the problem, exit 1, nothing written', async (schema, message) => {
    const { code, err, out } = await generate(schema);
    expect(code).toBe(1);
    expect(err.filter((line) => !line.includes('warning:'))).toHaveLength(1);
    expect(err.join('\n')).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it('an --operations folder without any .graphql file is refused, not taken for none wanted', async () => {
    const { code, err } = await generate('no-mutations.graphql', '--operations', join(dir, 'no-operations'));
    expect(code).toBe(1);
    expect(err.join('\n')).toMatch(/--operations .*no-operations holds no \.graphql file/);
  });
});
