import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { createKrakenEngine, type KrakenMockEngine } from '../../mocks/engine.js';
import { brandSource } from '../../mocks/brands.js';
import { generateBrandFiles } from '../../src/generator/generate.js';
import { generateTypedBrand } from '../../src/codegen/page-brand.js';
import { codegenSchemaView, widenOpenTypenames } from '../../src/codegen/open-interfaces.js';
import * as stDocuments from '../../src/generated/st/documents.js';
import * as oejpDocuments from '../../src/generated/oejp/documents.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Written for this test in the style of the scraped pages: a payload typed by an interface whose
// fields the page documents, and a field typed by an interface it does not document.
const PAGE = `API Site
addLabel
Type:LabelInterface
URL:https://api.zz.example/v1/graphql/
Add a label.
Mutation
mutation AddLabel($text: String!) {
addLabel(text: $text) {
id
text
owner {
...OwnerInterfaceFragment
}
}
}Variables
{
"text": "abc123"
}Response
{
"data": {
"addLabel": {
"id": "abc123",
"text": "abc123",
"owner": OwnerInterface
}
}
}`;

/** Undocumented `…Interface` types no object type implements, and the fields typed by them. */
function openInterfaceFields(schema: GraphQLSchema): { interfaces: string[]; fields: string[] } {
  const named = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));
  const interfaces = named.filter((type) => isInterfaceType(type) && type.name.endsWith('Interface') && schema.getPossibleTypes(type).length === 0);
  const names = new Set(interfaces.map((type) => type.name));
  const innermost = (type: { toString(): string }): string => String(type).replace(/[[\]!]/g, '');
  const fields = named.flatMap((type: GraphQLNamedType) =>
    isObjectType(type) || isInterfaceType(type)
      ? Object.values(type.getFields()).flatMap((field) => (names.has(innermost(field.type)) ? [`${type.name}.${field.name}`] : []))
      : [],
  );
  return { interfaces: [...names].sort(), fields: fields.sort() };
}

describe('undocumented …Interface types in the shipped schemas', () => {
  it.each([
    ['st', ['AccountInterface', 'CallInterface'], ['CreateCallMetadata.call', 'CreateShellAccountPayload.account', 'UpdateAccountBillingEmail.account', 'UpdateCommsDeliveryPreference.account']],
    ['oejp', ['AccountInterface'], ['UpdateAccountBillingEmail.account', 'UpdateCommsDeliveryPreference.account']],
  ])('%s states them as interfaces', async (brand, interfaces, fields) => {
    const sdl = await readFile(join(root, 'schema', `${brand}.graphql`), 'utf8');
    for (const name of interfaces) expect(sdl).toMatch(new RegExp(`^interface ${name} \\{$`, 'm'));
    expect(openInterfaceFields(buildSchema(sdl))).toEqual({ interfaces, fields });
  });
});

async function login(engine: KrakenMockEngine): Promise<string> {
  const reply = await engine.handleKrakenRequest({
    endpoint: 'api',
    headers: {},
    body: { query: 'mutation L($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }', variables: { input: { email: 'a@b.c', password: 'p' } } },
  });
  return (reply.body.data?.obtainKrakenToken as { token: string }).token;
}

describe('the mock answers fields typed by an undocumented interface', () => {
  it.each([
    ['st', 'updateAccountBillingEmail', 'account', 'AccountType', stDocuments.UpdateAccountBillingEmailDocument.kraken.text],
    ['st', 'createCallMetadata', 'call', 'CallType', stDocuments.CreateCallMetadataDocument.kraken.text],
    ['oejp', 'updateCommsDeliveryPreference', 'account', 'AccountType', oejpDocuments.UpdateCommsDeliveryPreferenceDocument.kraken.text],
  ] as const)('%s %s.%s: with %s, an object type implementing the interface', async (brand, field, child, typename, query) => {
    const engine = createKrakenEngine(brandSource(brand));
    const token = await login(engine);
    const reply = await engine.handleKrakenRequest({ endpoint: 'api', headers: { Authorization: `JWT ${token}` }, body: { query, variables: { input: {} } } });
    expect(reply.body.errors).toBeUndefined();
    const payload = reply.body.data?.[field] as Record<string, { __typename: string }> | null;
    expect(payload?.[child]).toEqual({ __typename: typename });
    const answered = engine.schema.getType(typename);
    expect(isObjectType(answered) && answered.getInterfaces().map((i) => i.name)).toEqual([`${typename.replace(/Type$/, '')}Interface`]);
  });
});

describe('a page with …Interface types', () => {
  const generation = generateBrandFiles({ brand: 'zz', pageFileName: 'zz-mutations.txt', text: PAGE });
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('declares them as interfaces, keeping the documented fields', () => {
    const schema = buildSchema(generation.schemaSdl);
    const label = schema.getType('LabelInterface');
    expect(isInterfaceType(label) && Object.keys(label.getFields())).toEqual(['id', 'text', 'owner']);
    expect(isInterfaceType(schema.getType('OwnerInterface'))).toBe(true);
  });

  it('types __typename as string and the documented fields as they are', async () => {
    const typed = await generateTypedBrand({ catalog: generation.catalog, schemaSdl: generation.schemaSdl, operationSources: [...generation.files].filter(([path]) => path.startsWith('operations/')).map(([, text]) => text) });
    dir = await mkdtemp(join(tmpdir(), 'open-interfaces-'));
    await writeFile(join(dir, 'graphql.ts'), typed.get('src/generated/zz/graphql.ts') ?? '');
    await writeFile(
      join(dir, 'use.ts'),
      `import type { AddLabelMutation, OwnerInterfaceFragment } from './graphql.js';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type Label = NonNullable<AddLabelMutation['addLabel']>;
type Owner = NonNullable<Label['owner']>;
export const checks: [
  Equal<Label['__typename'], string | undefined>,
  Equal<Label['id'], string | null>,
  Equal<Label['text'], string | null>,
  Equal<Owner['__typename'], string>,
  Equal<OwnerInterfaceFragment['__typename'], string>,
] = [true, true, true, true, true];
`,
    );
    const program = ts.createProgram({
      rootNames: [join(dir, 'use.ts')],
      options: { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] },
    });
    expect(program.getSourceFile(join(dir, 'graphql.ts'))).toBeDefined();
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
  }, 120_000);

  it('is answered by the mock with plausible object types', async () => {
    const engine = createKrakenEngine({ catalog: generation.catalog, schemaSdl: generation.schemaSdl });
    const query = 'mutation AddLabel($text: String!) { addLabel(text: $text) { __typename id owner { __typename } } }';
    const reply = await engine.handleKrakenRequest({ endpoint: 'api', headers: {}, body: { query, variables: { text: 'x' } } });
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.addLabel).toEqual({ __typename: 'LabelType', id: expect.any(String), owner: { __typename: 'OwnerType' } });
  });
});

describe("codegen's view of open interfaces", () => {
  it('shows only interfaces nobody implements as object types', () => {
    const view = codegenSchemaView('type Query { a: AInterface b: BInterface }\ninterface AInterface { x: Int }\ninterface BInterface { x: Int }\ntype B implements BInterface { x: Int }');
    expect(view.openInterfaces).toEqual(['AInterface']);
    expect(view.sdl).toContain('type AInterface {');
    expect(view.sdl).toContain('interface BInterface {');
  });

  it('refuses to leave a typename literal it did not widen', () => {
    expect(widenOpenTypenames("{ __typename: 'AInterface', b: 1 }", ['AInterface'])).toBe('{ __typename: string, b: 1 }');
    expect(() => widenOpenTypenames("{ __typename: 'B' | 'AInterface' }", ['AInterface'])).toThrow("still types __typename as 'AInterface'");
  });
});
