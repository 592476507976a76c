// Issue 28.10: in a shared folder, a temporary file planted as a symlink must not redirect what pull or the
// generator writes. Real folders, real symlinks.
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';
import { syncOutputs } from '../../src/generator/output.js';
import { startSchemaServer, type SchemaServer } from '../fulltypes/schema-server.js';

const SDL = 'type Query { hello: String }\n';
const VICTIM = 'a file of the user that nobody may overwrite\n';

describe('files are written through an exclusive, random temporary file', () => {
  let shared: string;
  let elsewhere: string;
  let server: SchemaServer | undefined;
  beforeEach(async () => {
    shared = await mkdtemp(join(tmpdir(), 'shared-'));
    elsewhere = await mkdtemp(join(tmpdir(), 'victim-'));
    await writeFile(join(elsewhere, 'victim.txt'), VICTIM);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(shared, { recursive: true, force: true });
    await rm(elsewhere, { recursive: true, force: true });
  });

  it('pull: a symlink planted at <out>.<pid>.tmp is left alone, the victim untouched, the schema written', async () => {
    server = await startSchemaServer(SDL, 'open');
    const out = join(shared, 'kraken.graphql');
    const planted = `${out}.${process.pid}.tmp`;
    await symlink(join(elsewhere, 'victim.txt'), planted);
    const io = { stdout: () => {}, stderr: () => {} };
    expect(await runPullCommand(['--endpoint', server.url, '--out', out], io, { env: {} })).toBe(0);
    expect(await readFile(join(elsewhere, 'victim.txt'), 'utf8')).toBe(VICTIM);
    expect(await readFile(out, 'utf8')).toContain('hello: String');
    expect(await readlink(planted)).toBe(join(elsewhere, 'victim.txt'));
    // Nothing else is left behind: the temporary file was renamed into place.
    expect((await readdir(shared)).sort()).toEqual([`kraken.graphql`, `kraken.graphql.${process.pid}.tmp`]);
  });

  it('pull: a symlink at the output path itself is replaced, not followed', async () => {
    server = await startSchemaServer(SDL, 'open');
    const out = join(shared, 'kraken.graphql');
    await symlink(join(elsewhere, 'victim.txt'), out);
    expect(await runPullCommand(['--endpoint', server.url, '--out', out], { stdout: () => {}, stderr: () => {} }, { env: {} })).toBe(0);
    expect(await readFile(join(elsewhere, 'victim.txt'), 'utf8')).toBe(VICTIM);
    expect(await readFile(out, 'utf8')).toContain('hello: String');
  });

  it("the generator's output writer: a symlink planted at <file>.<pid>.tmp is left alone", async () => {
    const planted = join(shared, `catalog/st.json.${process.pid}.tmp`);
    await mkdir(join(shared, 'catalog'));
    await symlink(join(elsewhere, 'victim.txt'), planted);
    await syncOutputs(new Map([['catalog/st.json', '{"brand":"st"}\n']]), { root: shared, check: false, ownedDirs: [] });
    expect(await readFile(join(elsewhere, 'victim.txt'), 'utf8')).toBe(VICTIM);
    expect(await readFile(join(shared, 'catalog/st.json'), 'utf8')).toBe('{"brand":"st"}\n');
  });
});
