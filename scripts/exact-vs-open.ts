/**
 * `npx tsx scripts/exact-vs-open.ts [schema.graphql --brand id]`: prints the "exact vs open" table
 * for every brand's page-generated schema (schema/<brand>.graphql over its catalog's mutations), or
 * for a given full schema over the brand's documented mutations.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { buildSchema } from 'graphql';
import type { Catalog } from '../src/catalog/types.js';
import { coverageRows, typingCoverage } from '../src/generator/typing-coverage.js';
import { scalarMappings } from '../src/codegen/page-scalars.js';

const catalogOf = (brand: string): Catalog => JSON.parse(readFileSync(`catalog/${brand}.json`, 'utf8')) as Catalog;
const [schemaFile, flag, brandArg] = process.argv.slice(2);

if (schemaFile !== undefined) {
  if (flag !== '--brand' || brandArg === undefined) throw new Error('usage: exact-vs-open.ts <schema.graphql> --brand <id>');
  const { userScalarMappings } = await import('../src/codegen/user-scalars.js');
  const schema = buildSchema(readFileSync(schemaFile, 'utf8'));
  const fields = catalogOf(brandArg).operations.map((operation) => operation.field);
  const coverage = typingCoverage(schema, fields, userScalarMappings(schema, () => {}));
  console.log(coverageRows([{ brand: `${brandArg} (${schemaFile})`, coverage }]));
} else {
  const brands = readdirSync('catalog').filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -5)).sort();
  console.log(
    coverageRows(
      brands.map((brand) => {
        const sdl = readFileSync(`schema/${brand}.graphql`, 'utf8');
        const fields = catalogOf(brand).operations.map((operation) => operation.field);
        return { brand, coverage: typingCoverage(buildSchema(sdl), fields, scalarMappings(sdl)) };
      }),
    ),
  );
}
