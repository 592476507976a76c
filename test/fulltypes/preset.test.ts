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
});
