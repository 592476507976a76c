import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pipeline } from '../../src/generator/cli.js';
import { runGenerate as runWith } from '../../src/generator/run.js';

const runGenerate = (argv: string[], root: string) => runWith(argv, root, pipeline);
import { PageParseError } from '../../src/generator/errors.js';
import { parsePage } from '../../src/generator/parse-page.js';

const GOOD_ENTRY = `API Site
doThing
URL:https://api.zz.example/v1/graphql/
Do a thing.
The possible errors that can be raised are:
- KT-CT-1111: Unauthorized.
Mutation
mutation DoThing($input: DoThingInput!) {
doThing(input: $input) {
done
}
}Variables
{
"input": DoThingInput
}Response
{
"data": {
"doThing": {
"done": true
}
}
}`;

// The second entry's operation never closes its selection.
const BROKEN_PAGE = `${GOOD_ENTRY}brokenThing
URL:https://api.zz.example/v1/graphql/
Broken.
The possible errors that can be raised are:
- KT-CT-1111: Unauthorized.
Mutation
mutation BrokenThing {
brokenThing {
done
`;

function parseError(text: string): PageParseError {
  try {
    parsePage(text, { source: 'zz-mutations.txt' });
  } catch (error) {
    if (error instanceof PageParseError) return error;
    throw error;
  }
  throw new Error('expected a PageParseError');
}

describe('bad input', () => {
  it('refuses an empty page', () => {
    const error = parseError('  \n\n');
    expect(error.message).toMatch(/empty/);
    expect(error.entry).toBeNull();
  });

  it('refuses a foreign page', () => {
    const error = parseError('<html><body>Welcome to my blog</body></html>\nNothing to see here.\n');
    expect(error.message).toMatch(/not a Kraken mutations reference page/);
  });

  it('names the broken entry and its line', () => {
    const error = parseError(BROKEN_PAGE);
    expect(error.entry).toBe('brokenThing');
    expect(error.line).toBe(28);
    expect(error.message).toContain('zz-mutations.txt:28 (entry "brokenThing")');
  });

  it('names an entry whose error list is unreadable', () => {
    const text = GOOD_ENTRY.replace('- KT-CT-1111: Unauthorized.', '- KT-CT-1111: Unauthorized.\n- not an error line');
    const error = parseError(text);
    expect(error).toMatchObject({ entry: 'doThing', line: 7 });
  });

  it('names the entry whose operation text is not GraphQL', () => {
    const error = parseError(GOOD_ENTRY.replace('done\n}\n}Variables', 'done(\n}\n}Variables'));
    expect(error.entry).toBe('doThing');
    expect(error.message).toMatch(/not valid GraphQL/);
  });
});

describe('runGenerate with a bad page writes nothing', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'generator-'));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  it('throws PageParseError and leaves the output folders untouched', async () => {
    const good = join(root, 'aa-mutations.txt');
    const broken = join(root, 'zz-mutations.txt');
    await writeFile(good, GOOD_ENTRY);
    await writeFile(broken, BROKEN_PAGE);
    await expect(runGenerate([good, broken], root)).rejects.toBeInstanceOf(PageParseError);
    expect((await readdir(root)).sort()).toEqual(['aa-mutations.txt', 'zz-mutations.txt']);
  });

  it('generates from any page path, brand from the file name or --brand; --check then passes', async () => {
    const page = join(root, 'page.txt');
    await writeFile(page, GOOD_ENTRY);
    await expect(runGenerate([page], root)).rejects.toThrow(/cannot tell the brand/);
    expect(await runGenerate(['--brand', 'zz', page], root)).toBe(0);
    expect((await readdir(join(root, 'operations/zz'))).sort()).toEqual(['DoThing.graphql', 'fragments.graphql']);
    expect(await runGenerate(['--check', '--brand', 'zz', page], root)).toBe(0);
  });

  it('--check names stale and would-be-deleted files and exits non-zero', async () => {
    const page = join(root, 'zz-mutations.txt');
    await writeFile(page, GOOD_ENTRY);
    expect(await runGenerate([page], root)).toBe(0);
    await writeFile(join(root, 'catalog/zz.json'), '{}\n');
    await writeFile(join(root, 'operations/zz/Gone.graphql'), 'mutation Gone { gone }\n');
    const errors = vi.spyOn(console, 'error');
    expect(await runGenerate(['--check', page], root)).toBe(1);
    const printed = errors.mock.calls.map((call) => String(call[0]));
    expect(printed).toContain('stale: catalog/zz.json');
    expect(printed).toContain('would delete: operations/zz/Gone.graphql');
    expect(await runGenerate([page], root)).toBe(0);
    expect(await runGenerate(['--check', page], root)).toBe(0);
  });
});
