import type { Catalog } from '../catalog/types.js';
import { generate } from '@graphql-codegen/cli';
import { brandCodegenOutput } from './codegen-config.js';
import { scalarMappings } from './page-scalars.js';
import { operationTexts } from './operation-texts.js';
import { renderDocuments } from './documents.js';
import { renderErrorCodes } from './error-messages.js';
import { renderBrandClient } from './brand-client.js';
import { renderTypedCallsTest } from './typed-calls-test.js';
import { codegenSchemaView, widenOpenTypenames } from './open-interfaces.js';

export interface TypegenInput {
  catalog: Catalog;
  schemaSdl: string;
  /** Texts of the brand's operation files (operations and fragments). */
  operationSources: string[];
}

/**
 * Stage: schema + operations -> typed documents. Runs graphql-codegen in memory and renders the
 * brand's public documents, error-code table, preset client and a typed-call test of every operation.
 * Returns project-relative path -> content; nothing is written here.
 */
export async function generateTypedBrand({ catalog, schemaSdl, operationSources }: TypegenInput): Promise<Map<string, string>> {
  const brand = catalog.brand;
  const scalars = scalarMappings(schemaSdl);
  const codegenPath = `src/generated/${brand}/graphql.ts`;
  const view = codegenSchemaView(schemaSdl);
  const [output] = await generate(
    { silent: true, generates: { [codegenPath]: brandCodegenOutput({ schema: view.sdl, documents: operationSources, scalars }) } },
    false,
  );
  if (!output) throw new Error(`graphql-codegen produced nothing for ${brand}.`);
  const content = widenOpenTypenames(output.content, view.openInterfaces);
  return new Map([
    [codegenPath, content.endsWith('\n') ? content : `${content}\n`],
    [`src/generated/${brand}/documents.ts`, renderDocuments(catalog, operationTexts(operationSources))],
    [`src/generated/${brand}/error-codes.ts`, renderErrorCodes(catalog)],
    [`src/generated/${brand}/client.ts`, renderBrandClient(catalog)],
    [`test/types/generated/${brand}-typed-calls.test-d.ts`, renderTypedCallsTest(catalog, scalars)],
  ]);
}
