/**
 * Property: for any schema, `generate --schema` writes documents that validate against it at every
 * depth 0..3 and a module that type-checks, or refuses with lines naming the clash. Random schemas
 * mix unions and interfaces whose members share field names with differing types, nullability and
 * list depth, recursive types, prototype names and TypeScript keywords as fields, enum values and
 * type names, and operation and type names of the module's own exports. The modules of one run are
 * type-checked together, in one tsc program.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, requestCost } from '../../mocks/limits.js';
import { runCli } from '../../src/cli/run.js';
import { planUserModule, type UserModulePlan } from '../../src/codegen/module.js';
import { GenerationProblemsError } from '../../src/codegen/problems.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CASES = 24;

const TYPE_NAMES = ['Account', 'Party', 'Note', 'Meter', 'Reading', 'Quote', 'Bill', 'Node', 'Site', 'Line', 'Payment', 'Agreement', 'Tariff', 'Property', 'Device', 'Ledger', 'class', 'type', 'Session', 'KrakenDocument', 'LoginDocument', 'Maybe', 'Scalars', 'AcceptGoodsQuoteMutation', 'Array', 'Omit', 'Promise', 'Record'];
/** Type names graphql-codegen cannot take (generate refuses them): in about one schema in five. */
const PROTOTYPE_TYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];
const FIELD_NAMES = ['number', 'id', 'value', 'status', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'class', 'type', 'default', 'new', 'prototype'];
const ENUM_VALUES = ['A', 'B', 'constructor', 'toString', 'valueOf', 'class', 'new', 'default', 'prototype'];
const OPERATION_NAMES = ['Login', 'Kraken', 'Common', 'Session', 'Mine', 'class', 'AcceptGoodsQuote', 'ObtainKrakenTokenMutation', 'LoginDocument', 'toString'];
const DOCUMENTED_FIELDS = ['acceptGoodsQuote', 'acceptOfferForQuoting', 'actualizeContract', 'addBusinessToSegment'];
const LEAVES = ['String', 'Int', 'ID', 'Boolean', 'BigInt', 'Decimal'];
const WRAPPERS = ['%', '%!', '[%]', '[%!]', '[%!]!', '[[%]]'];
const CREDENTIAL_INPUT_FIELDS = ['email', 'password', 'APIKey', 'refreshToken', 'organizationSecretKey', 'preSignedKey'];

interface Case {
  sdl: string;
  userOperation: string;
  depth: number;
  /** ObtainJSONWebTokenInput's fields, when the schema has obtainKrakenToken. */
  login: string[] | undefined;
}

const schemaCase = fc.gen().map((g): Case => {
  const names = g(fc.shuffledSubarray, TYPE_NAMES, { minLength: 9, maxLength: 13 });
  if (g(fc.integer, { min: 0, max: 4 }) === 0) names.push(g(fc.constantFrom, ...PROTOTYPE_TYPE_NAMES));
  const [enumA, enumB, input, iface, union, ...objects] = names as [string, string, string, string, string, ...string[]];
  const composites = [...objects, union, iface];
  const fieldType = (allowComposite: boolean): string => {
    const pool = allowComposite ? [...LEAVES, enumA, enumB, ...composites] : [...LEAVES, enumA, enumB];
    return g(fc.constantFrom, ...WRAPPERS).replace('%', g(fc.constantFrom, ...pool));
  };
  const fieldsOf = (count: { min: number; max: number }, allowComposite: boolean, exclude: readonly string[] = []): string[] =>
    g(fc.shuffledSubarray, FIELD_NAMES.filter((name) => !exclude.includes(name)), { minLength: count.min, maxLength: count.max }).map(
      (name) => `${name}: ${fieldType(allowComposite)}`,
    );
  const ifaceFields = fieldsOf({ min: 1, max: 2 }, true);
  const ifaceNames = ifaceFields.map((field) => field.split(':')[0] ?? '');
  const implementers = g(fc.shuffledSubarray, objects, { minLength: 1, maxLength: 2 });
  const members = g(fc.shuffledSubarray, objects, { minLength: 2, maxLength: 3 });
  const enumValues = (): string => g(fc.shuffledSubarray, ENUM_VALUES, { minLength: 1, maxLength: 4 }).join(' ');
  const login = g(fc.option, fc.shuffledSubarray(CREDENTIAL_INPUT_FIELDS, { minLength: 1 }), { nil: undefined });
  const mutations = g(fc.shuffledSubarray, DOCUMENTED_FIELDS, { minLength: 1, maxLength: 3 }).map(
    (field) => `${field}(input: ${input}!): ${g(fc.constantFrom, ...composites)}`,
  );
  if (login) mutations.push('obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenTokenPayload');
  const sdl = [
    'scalar BigInt',
    'scalar Decimal',
    `type Query { node: ${g(fc.constantFrom, ...composites)} }`,
    `type Mutation { ${mutations.join(' ')} }`,
    `enum ${enumA} { ${enumValues()} }`,
    `enum ${enumB} { ${enumValues()} }`,
    `input ${input} { ${fieldsOf({ min: 1, max: 3 }, false).join(' ')} again: ${input} }`,
    `interface ${iface} { ${ifaceFields.join(' ')} }`,
    `union ${union} = ${members.join(' | ')}`,
    ...objects.map((name) => {
      const implementing = implementers.includes(name);
      const own = fieldsOf({ min: 1, max: 4 }, true, implementing ? ifaceNames : []);
      return `type ${name}${implementing ? ` implements ${iface}` : ''} { ${[...(implementing ? ifaceFields : []), ...own].join(' ')} }`;
    }),
    ...(login
      ? [
          `input ObtainJSONWebTokenInput { ${login.map((field) => `${field}: String`).join(' ')} }`,
          'type ObtainKrakenTokenPayload { token: String! refreshToken: String refreshExpiresIn: Int }',
        ]
      : []),
  ].join('\n');
  const userOperation = `query ${g(fc.constantFrom, ...OPERATION_NAMES)} { node { __typename } }`;
  return { sdl, userOperation, depth: g(fc.integer, { min: 0, max: 3 }), login };
});

/** A refusal must name a clash of names, never a document that does not validate. */
const CLASH = /would be exported twice|a TypeScript keyword or built-in type|has the name of a documented st mutation|named like a JavaScript Object.prototype member/;

function plan(schema: GraphQLSchema, userOperation: string, depth: number): UserModulePlan | string[] {
  try {
    return planUserModule({ brand: 'st', schema, depth, userDocuments: [{ location: 'mine.graphql', text: userOperation }], warn: () => {} });
  } catch (error) {
    if (error instanceof GenerationProblemsError || (error instanceof Error && 'problems' in error)) return [...(error as { problems: string[] }).problems];
    throw error;
  }
}

describe('generate --schema on random schemas (fast-check)', () => {
  let dir: string;
  const compiled: { folder: string; sdl: string }[] = [];
  let refused = 0;
  const refusals = new Set<string>();
  let depthsChecked = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'any-schema-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(`validates at depths 0..3 and writes a module, or refuses naming the clash (${CASES} schemas)`, async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(schemaCase, async (testCase) => {
        const schema = buildSchema(testCase.sdl);
        for (let depth = 0; depth <= 3; depth += 1) {
          const result = plan(schema, testCase.userOperation, depth);
          if (!Array.isArray(result)) {
            for (const text of result.operationSources) {
              expect(validate(schema, parse(text)).map((error) => error.message), text).toEqual([]);
              const cost = requestCost(parse(text));
              expect(cost.complexity).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.complexity);
              expect(cost.nodes).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.nodes);
            }
            depthsChecked += 1;
          } else for (const problem of result) expect(problem, testCase.sdl).toMatch(CLASH);
        }

        const folder = join(dir, `case-${index++}`);
        await writeFile(`${folder}.graphql`, testCase.sdl);
        await mkdir(`${folder}-ops`);
        await writeFile(join(`${folder}-ops`, 'mine.graphql'), testCase.userOperation);
        const err: string[] = [];
        const status = await runCli(
          ['generate', '--brand', 'st', '--schema', `${folder}.graphql`, '--out', join(folder, 'kraken'), '--depth', String(testCase.depth), '--operations', `${folder}-ops`],
          { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => new Promise(() => {}) },
        ).catch(() => -1);
        const expected = plan(schema, testCase.userOperation, testCase.depth);
        if (Array.isArray(expected)) {
          for (const problem of expected) refusals.add(CLASH.exec(problem)?.[0] ?? problem);
          refused += 1;
          expect(status, err.join('\n')).toBe(1);
          // Every problem, in full, one line each.
          expect(err.filter((line) => !line.includes('warning:'))).toEqual(expected.map((problem) => `kraken-sdk generate: ${problem}`));
          return;
        }
        expect(status, `${testCase.sdl}\n${err.join('\n')}`).toBe(0);
        await writeFile(join(folder, 'use.ts'), consumer(testCase, expected));
        compiled.push({ folder, sdl: testCase.sdl });
      }),
      { numRuns: CASES, seed: 18, endOnFailure: true },
    );
    console.log(`any-schema property: ${CASES} schemas, ${depthsChecked} plans validated (depths 0..3), ${compiled.length} modules written, ${refused} refused (${[...refusals].join('; ')})`);
    // Both outcomes are exercised: modules to type-check, and refusals.
    expect(compiled.length).toBeGreaterThanOrEqual(CASES / 3);
    expect(refused).toBeGreaterThan(0);
  }, 240_000);

  it('every module written type-checks in one tsc program, with brand-true auth', async () => {
    expect(compiled.length).toBeGreaterThan(0);
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [],
      baseUrl: root, paths: { 'kraken-sdk': [join(root, 'src/index.ts')] },
    };
    const program = ts.createProgram({ rootNames: compiled.map(({ folder }) => join(folder, 'use.ts')), options });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(dir.length) ?? ''}:${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    const failing = [...new Set(problems.map((problem) => /\/(case-\d+)\//.exec(problem)?.[1]))];
    const schemas = await Promise.all(failing.map(async (name) => (name ? readFile(join(dir, `${name}.graphql`), 'utf8') : '')));
    expect(problems, schemas.join('\n---\n')).toEqual([]);
  }, 240_000);
});

/** Uses every document of the module; the login line compiles exactly when the schema's login input takes an email and password. */
function consumer(testCase: Case, plan: UserModulePlan): string {
  const documents = [...(plan.files.get('index.ts') ?? '').matchAll(/^ {2}(\w+Document),$/gm)].map((match) => match[1]);
  const lines = [
    "import type { ResultOf, VariablesOf } from 'kraken-sdk';",
    "import * as kraken from './kraken/index.js';",
    ...documents.map((name) => `export type ${name}Check = [ResultOf<typeof kraken.${name}>, VariablesOf<typeof kraken.${name}>];`),
  ];
  if (testCase.login) {
    const emailLogin = testCase.login.includes('email') && testCase.login.includes('password');
    lines.push(
      "export const byToken = kraken.createKrakenClient({ auth: { token: 't' } });",
      ...(emailLogin ? [] : ['// @ts-expect-error the login input has no email and password']),
      "export const byEmail = kraken.createKrakenClient({ auth: kraken.loginWith({ email: 'e', password: 'p' }) });",
      ...(testCase.login.includes('APIKey') ? [] : ['// @ts-expect-error the login input has no APIKey']),
      "export const byKey = kraken.createKrakenClient({ auth: kraken.loginWith({ apiKey: 'k' }) });",
    );
  }
  return `${lines.join('\n')}\n`;
}
