import type { Catalog } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';
import { OPEN_INPUT_OBJECT } from './page-scalars.js';

/** A literal of the given scalar's TypeScript mapping, good enough to type-check a call. */
const SAMPLE_BY_TS_TYPE: Record<string, string> = { string: "'x'", unknown: '1', [OPEN_INPUT_OBJECT]: '{}' };
const SAMPLE_BY_BUILT_IN: Record<string, string> = { String: "'x'", ID: "'1'", Int: '1', Float: '1.5', Boolean: 'true' };

function sampleOf(typeString: string, scalars: Record<string, string>): string {
  const type = typeString.replace(/!$/, '');
  if (type.startsWith('[')) return `[${sampleOf(type.slice(1, -1), scalars)}]`;
  const sample = SAMPLE_BY_BUILT_IN[type] ?? SAMPLE_BY_TS_TYPE[scalars[type] ?? ''];
  if (!sample) throw new Error(`No sample value for argument type ${typeString}.`);
  return sample;
}

/**
 * A type test with one typed call of every operation of a brand: variables built from the
 * catalog's required arguments, result checked against the codegen type.
 */
export function renderTypedCallsTest(catalog: Catalog, scalars: Record<string, string>): string {
  const brand = catalog.brand;
  const calls = catalog.operations.map((operation) => {
    const required = operation.args.filter((arg) => arg.type.endsWith('!'));
    const variables = required.map((arg) => `${arg.name}: ${sampleOf(arg.type, scalars)}`).join(', ');
    const call = variables
      ? `client.request(${brand}.${operation.operationName}Document, { ${variables} })`
      : `client.request(${brand}.${operation.operationName}Document)`;
    return `  expectTypeOf(await ${call}).toEqualTypeOf<${brand}.${operation.operationName}Mutation>();`;
  });
  return [
    GENERATED_TS_HEADER,
    "import { expectTypeOf, test } from 'vitest';",
    `import * as ${brand} from '../../../src/brands/${brand}.js';`,
    '',
    `const client = ${brand}.createKrakenClient();`,
    '',
    '// Only type-checked, never run: every documented operation has a typed call.',
    `async function everyOperation(): Promise<void> {`,
    ...calls,
    '}',
    '',
    `test('a typed call of every ${brand} operation compiles', () => {`,
    '  expectTypeOf(everyOperation).returns.resolves.toBeVoid();',
    '});',
    '',
  ].join('\n');
}
