import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import { krakenPreset } from '../../src/codegen/index.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the kraken-sdk/codegen preset in a user codegen config', () => {
  it('writes the module from graphql-codegen, the user documents included', async () => {
    const warnings: string[] = [];
    const outputs: { filename: string; content: string }[] = await generate(
      {
        silent: true,
        generates: {
          'src/kraken/': {
            preset: krakenPreset,
            schema: join(here, 'fixtures/st-full.graphql'),
            documents: [join(here, 'fixtures/operations/*.graphql')],
            presetConfig: { brand: 'st', depth: 0, onWarning: (message: string) => warnings.push(message) },
          },
        },
      },
      false,
    );
    expect(outputs.map((output) => output.filename).sort()).toEqual(
      ['client.ts', 'documents.ts', 'error-codes.ts', 'graphql.ts', 'index.ts'].map((name) => join('src/kraken', name)),
    );
    const documents = outputs.find((output) => output.filename.endsWith('documents.ts'))?.content ?? '';
    expect(documents).toContain('export const AccountSummaryDocument: sdk.KrakenDocument<types.AccountSummaryQuery, types.AccountSummaryQueryVariables');
    // depth 0: no nested object is entered; a payload with nothing else selects its type name.
    expect(documents).toContain('createAccountNote(input:$input){noteId}');
    expect(documents).toContain('updateUser(input:$input){__typename}');
    // At depth 0 no MysteryScalar field is selected: the module leaves it out, so nothing is typed loosely.
    expect(warnings).toEqual([]);
  });

  it('names a brand id that is not one', async () => {
    await expect(
      generate({ silent: true, generates: { 'out/': { preset: krakenPreset, schema: join(here, 'fixtures/st-full.graphql'), presetConfig: { brand: 'Not A Brand' } } } }, false),
    ).rejects.toThrow(/presetConfig\.brand "Not A Brand" is not a brand id/);
  });

  it('works without a brand: every mutation of the schema, endpoint required by the client', async () => {
    const outputs: { filename: string; content: string }[] = await generate(
      { silent: true, generates: { 'out/': { preset: krakenPreset, schema: join(here, 'fixtures/st-full.graphql'), presetConfig: { depth: 0, onWarning: () => {} } } } },
      false,
    );
    const client = outputs.find((output) => output.filename.endsWith('client.ts'));
    expect(client?.content).toContain('readonly endpoint: string');
    expect(client?.content).not.toContain('kraken.tech');
    // presetConfig.endpoint (the host the schema came from) becomes the default, as pull's header does for the CLI.
    const withEndpoint: { filename: string; content: string }[] = await generate(
      { silent: true, generates: { 'out/': { preset: krakenPreset, schema: join(here, 'fixtures/st-full.graphql'), presetConfig: { depth: 0, endpoint: 'http://127.0.0.1:4000/v1/graphql/', onWarning: () => {} } } } },
      false,
    );
    expect(withEndpoint.find((output) => output.filename.endsWith('client.ts'))?.content).toContain('"api": "http://127.0.0.1:4000/v1/graphql/"');
  });

  // Issue: the preset read no `# Endpoint:` header, so a schema pulled from a local server or staging got the
  // brand's production endpoint (or none) where `kraken-sdk generate --schema` kept the recorded one.
  it("keeps the endpoint a pulled schema's header records, as kraken-sdk generate --schema does", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'kraken-preset-'));
    try {
      const pulled = join(folder, 'kraken.graphql');
      const header = '# Schema of http://127.0.0.1:4000, pulled by kraken-sdk pull on 2026-12-07 (introspection; sorted).\n# Endpoint: http://127.0.0.1:4000/v1/graphql/\n';
      await writeFile(pulled, `${header}\n${await readFile(join(here, 'fixtures/st-full.graphql'), 'utf8')}`);
      const clientFor = async (presetConfig: Record<string, unknown>): Promise<string> => {
        const outputs: { filename: string; content: string }[] = await generate(
          { silent: true, generates: { 'out/': { preset: krakenPreset, schema: pulled, presetConfig: { depth: 0, onWarning: () => {}, ...presetConfig } } } },
          false,
        );
        return outputs.find((output) => output.filename.endsWith('client.ts'))?.content ?? '';
      };
      for (const presetConfig of [{ brand: 'eonnext' }, {}]) {
        const client = await clientFor(presetConfig);
        expect(client).toContain('"api": "http://127.0.0.1:4000/v1/graphql/"');
        expect(client).not.toMatch(/eonnext-kraken\.energy|readonly endpoint: string/);
      }
      // presetConfig.endpoint is the user's word, over the header's.
      expect(await clientFor({ endpoint: 'http://127.0.0.1:5000/graphql/' })).toContain('"api": "http://127.0.0.1:5000/graphql/"');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
