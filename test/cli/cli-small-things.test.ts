// Issue 29's small CLI things: -h, generate's usage (one block, the user's form first), the missing
// --schema named, and the Node 20 install line carrying the README's overrides.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { codegenInstallLine, NODE_20_OVERRIDES } from '../../src/cli/codegen-install.js';
import { runCli } from '../../src/cli/run.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line), stopSignal: () => Promise.resolve('SIGTERM') } };
}

describe('kraken-sdk CLI: the small things', () => {
  it.each([['-h'], ['--help'], ['help']])('%s prints the usage, exit 0', async (flag) => {
    const { out, err, io } = capture();
    expect(await runCli([flag], io)).toBe(0);
    expect(out.join('\n')).toMatch(/^Usage: kraken-sdk <command>/);
    expect(err).toEqual([]);
  });

  it('generate --brand st --out x without --schema names --schema as missing', async () => {
    const { err, io } = capture();
    expect(await runCli(['generate', '--brand', 'st', '--out', 'x'], io)).toBe(2);
    expect(err[0]).toMatch(/^kraken-sdk generate: Flag --schema is required/);
    expect(err[0]).not.toContain('needs at least one page path');
  });

  it.each([[['generate', '--help']], [['generate', '--schema', 'k.graphql', '--help']], [['generate', '-h']]])('%j prints one usage block, the user\'s form first', async (argv) => {
    const { out, io } = capture();
    expect(await runCli(argv, io)).toBe(0);
    const text = out.join('\n');
    expect(text.match(/Usage:/g)).toHaveLength(1);
    expect(text).toMatch(/^Usage: kraken-sdk generate --schema <file> --out <dir>/);
    expect(text.indexOf('--schema <file>')).toBeLessThan(text.indexOf('mutations.txt'));
  });

  it('the install line on Node 20 carries the overrides the README gives; on Node 22+ none are needed', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const block = /"overrides": (\{[^\n]*\})/.exec(readme)?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block ?? '{}')).toEqual(NODE_20_OVERRIDES);
    const node20 = codegenInstallLine(20);
    expect(node20.split('\n')[0]).toBe('npm install -D @graphql-codegen/cli@6 @graphql-codegen/add@6 @graphql-codegen/typescript@5 @graphql-codegen/typescript-operations@5');
    const overrides = /"overrides": (\{.*\})$/m.exec(node20)?.[1];
    expect(JSON.parse(overrides ?? '{}')).toEqual(NODE_20_OVERRIDES);
    expect(codegenInstallLine(24)).toBe('npm install -D @graphql-codegen/cli @graphql-codegen/add @graphql-codegen/typescript @graphql-codegen/typescript-operations');
  });
});
