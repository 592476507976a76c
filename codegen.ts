// graphql-codegen configuration for every brand: `npm run generate` runs it (in memory, through
// src/codegen); `npx graphql-codegen --config codegen.ts` runs the same config from the files on disk.
import { readFileSync, readdirSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { brandCodegenOutput } from './src/codegen/codegen-config.js';
import { scalarMappings } from './src/codegen/page-scalars.js';

const brands = readdirSync('catalog')
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

const config: CodegenConfig = {
  silent: true,
  generates: Object.fromEntries(
    brands.map((brand) => [
      `src/generated/${brand}/graphql.ts`,
      brandCodegenOutput({
        schema: `schema/${brand}.graphql`,
        documents: [`operations/${brand}/*.graphql`],
        scalars: scalarMappings(readFileSync(`schema/${brand}.graphql`, 'utf8')),
      }),
    ]),
  ),
};

export default config;
