import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/run.js';

const io = { stdout: () => {}, stderr: () => {}, stopSignal: () => new Promise<string>(() => {}) };

const PAGE = `About Mutations
API Site
pingThing
Type:PingThing
URL:https://api.zz.kraken.example/v1/graphql/
Ping a thing.
The possible errors that can be raised are:
- KT-CT-1111: Unauthorized.
Mutation
mutation PingThing($input: PingThingInput!) {
pingThing(input: $input) {
ok
}
}
Variables
{
"input": PingThingInput
}
Response
{
"data": {
"pingThing": {
"ok": true
}
}
}
`;

describe('kraken-sdk generate', () => {
  const folders: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('turns any brand page into a catalog, operations and a schema under --out, then --check passes', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const folder = await mkdtemp(join(tmpdir(), 'kraken-generate-'));
    folders.push(folder);
    const page = join(folder, 'zz-mutations.txt');
    await writeFile(page, PAGE);
    const out = join(folder, 'out');

    expect(await runCli(['generate', page, '--out', out], io)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['catalog', 'operations', 'schema']);
    const catalog = JSON.parse(await readFile(join(out, 'catalog/zz.json'), 'utf8'));
    expect(catalog.operations[0]).toMatchObject({ field: 'pingThing', operationName: 'PingThing', errors: [{ code: 'KT-CT-1111' }] });
    expect(await readFile(join(out, 'operations/zz/PingThing.graphql'), 'utf8')).toContain('mutation PingThing');
    expect(await runCli(['generate', page, '--out', out, '--check'], io)).toBe(0);
  });

  it('names the broken entry and writes nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const folder = await mkdtemp(join(tmpdir(), 'kraken-generate-'));
    folders.push(folder);
    const page = join(folder, 'zz-mutations.txt');
    await writeFile(page, PAGE.replace('pingThing(input: $input) {', 'pingThing(input: $input {'));
    const out = join(folder, 'out');
    expect(await runCli(['generate', page, '--out', out], io)).toBe(1);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('pingThing'));
    await expect(readdir(out)).rejects.toThrow();
  });
});
