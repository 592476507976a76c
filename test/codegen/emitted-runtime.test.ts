// The runtime values the generator emits in their compact forms (a call per document, the error table as
// parsed JSON) are exactly what the readable forms gave: every document's operation, every documented code
// with its messages, whatever characters the texts hold.
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogOperation } from '../../src/catalog/types.js';
import type { KrakenConnection } from '../../src/core/document.js';
import { renderDocuments } from '../../src/codegen/documents.js';
import { renderErrorCodes } from '../../src/codegen/error-messages.js';
import { errorMessages as stErrorMessages } from '../../src/brands/st-error-messages.js';
import { errorMessages as oejpErrorMessages } from '../../src/brands/oejp-error-messages.js';
import * as stMessagesEntry from '../../src/brands/st-error-messages.js';
import * as oejpMessagesEntry from '../../src/brands/oejp-error-messages.js';
import { catalog as stCatalog } from '../../src/generated/st/catalog.js';
import { catalog as oejpCatalog } from '../../src/generated/oejp/catalog.js';
import { buildSchema } from 'graphql';
import { planUserModule } from '../../src/codegen/module.js';
import { thirdBrandSchema } from '../fulltypes/third-brand-schema.js';

/** The exports of a rendered TypeScript module, run as JavaScript (its imports are type-only). */
async function evaluate(typescript: string): Promise<Record<string, unknown>> {
  const { code } = await transform(typescript, { loader: 'ts', format: 'esm' });
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)) as Record<string, unknown>;
}

function operation(operationName: string, endpoint: 'api' | 'auth', errors: CatalogOperation['errors'] = []): CatalogOperation {
  const field = operationName[0]?.toLowerCase() + operationName.slice(1);
  return { field, operationName, endpoint, returnType: null, args: [], errors, deprecation: null, description: '', document: '' };
}

// Every character a string literal, a template literal or JSON treats specially.
const AWKWARD = `it's "quoted" \\ back\`tick\` \${not a substitution} line\nbreak \u2028 é ✓`;

describe('generated documents', () => {
  it('carry the exact operation of each, with the endpoint and connections only where given', async () => {
    const connections: Record<string, KrakenConnection> = { 'account.items': { path: ['account', 'items'], direction: 'forward', sizeVariable: 'first', cursorVariable: 'after' } };
    const catalog: Catalog = { brand: 'test', endpoints: { api: 'https://api.test/' }, operations: [operation('Plain', 'api'), operation('Login', 'auth'), operation('Paged', 'api')] };
    const texts = new Map([
      ['Plain', `mutation Plain{plain(note:${JSON.stringify(AWKWARD)})}`],
      ['Login', 'mutation Login{login{token}}'],
      ['Paged', 'query Paged($first:Int,$after:String){account{items(first:$first,after:$after){edges{node{id}}pageInfo{hasNextPage endCursor}}}}'],
    ]);
    const module = await evaluate(renderDocuments(catalog, texts, undefined, new Map([['Paged', connections]])));
    expect(Object.keys(module).sort()).toEqual(['LoginDocument', 'PagedDocument', 'PlainDocument']);
    expect(module.PlainDocument).toStrictEqual({ kraken: { operationName: 'Plain', endpoint: 'api', text: texts.get('Plain') } });
    expect(module.LoginDocument).toStrictEqual({ kraken: { operationName: 'Login', endpoint: 'auth', text: texts.get('Login') } });
    expect(module.PagedDocument).toStrictEqual({ kraken: { operationName: 'Paged', endpoint: 'api', text: texts.get('Paged'), connections } });
    // The same key order as the object literals gave (JSON and logs show it).
    expect(Object.keys((module.PagedDocument as { kraken: object }).kraken)).toEqual(['operationName', 'endpoint', 'text', 'connections']);
    expect(Object.keys((module.PlainDocument as { kraken: object }).kraken)).toEqual(['operationName', 'endpoint', 'text']);
  });

  it("are each a separate pure call, so that a bundler drops the ones an app does not import", () => {
    const catalog: Catalog = { brand: 'test', endpoints: { api: 'https://api.test/' }, operations: [operation('A', 'api'), operation('B', 'api')] };
    const rendered = renderDocuments(catalog, new Map([['A', 'mutation A{a}'], ['B', 'mutation B{b}']]));
    expect(rendered.match(/^export const \w+Document: .+ = \/\* @__PURE__ \*\/ documentOf\(.+\);$/gm)).toHaveLength(2);
  });
});

/** The table as generated: no prototype, so that no code reaches an Object.prototype member. */
const withoutPrototype = (entries: object): object => Object.assign(Object.create(null) as object, entries);

describe('generated error tables', () => {
  it('give every code its messages, in order, whatever characters they hold', async () => {
    const catalog: Catalog = {
      brand: 'test',
      endpoints: { api: 'https://api.test/' },
      operations: [
        operation('A', 'api', [{ code: 'KT-CT-2', message: AWKWARD }, { code: 'KT-CT-10', message: "Can't." }]),
        operation('B', 'api', [{ code: 'KT-CT-2', message: 'Another message.' }, { code: 'KT-CT-1', message: 'Plain.' }, { code: 'KT-CT-10', message: "Can't." }]),
      ],
    };
    const { errorMessages } = await evaluate(renderErrorCodes(catalog));
    expect(errorMessages).toStrictEqual(withoutPrototype({ 'KT-CT-1': ['Plain.'], 'KT-CT-2': [AWKWARD, 'Another message.'], 'KT-CT-10': ["Can't."] }));
    expect(Object.keys(errorMessages as object)).toEqual(['KT-CT-1', 'KT-CT-2', 'KT-CT-10']);
  });

  it('is an empty table for a brand without documented codes', async () => {
    const { errorMessages } = await evaluate(renderErrorCodes({ brand: 'test', endpoints: { api: 'https://api.test/' }, operations: [operation('A', 'api')] }));
    expect(errorMessages).toStrictEqual(withoutPrototype({}));
  });

  it.each([
    ['st', stCatalog, stErrorMessages],
    ['oejp', oejpCatalog, oejpErrorMessages],
  ] as const)('of %s hold every documented code of every operation with its documented message, and nothing else', (_brand, catalog, table) => {
    const messages = table as Readonly<Record<string, readonly string[]>>;
    const documented = new Set(catalog.operations.flatMap((entry) => entry.errors.map((error) => error.code)));
    expect(new Set(Object.keys(messages))).toEqual(documented);
    for (const entry of catalog.operations) {
      for (const error of entry.errors) expect(messages[error.code], `${entry.operationName} ${error.code}`).toContain(error.message);
    }
    for (const [code, texts] of Object.entries(messages)) expect(new Set(texts).size, code).toBe(texts.length);
  });
});

// A server can send any code: one named like an Object.prototype member is an undocumented code like any other.
describe('error tables and isUnlistedErrorCode take codes named like Object.prototype members as undocumented', () => {
  const PROTOTYPE_NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each([
    ['kraken-sdk/st/error-messages', stErrorMessages],
    ['kraken-sdk/oejp/error-messages', oejpErrorMessages],
  ] as const)('%s gives undefined', (_entry, table) => {
    const messages = table as Readonly<Record<string, readonly string[] | undefined>>;
    for (const code of PROTOTYPE_NAMES) expect(messages[code], code).toBeUndefined();
    expect(messages['KT-CT-1111']?.join(' / ')).toMatch(/./);
  });

  it("a generated module's isUnlistedErrorCode is true for them, false for listed and common codes", async () => {
    const plan = planUserModule({ schema: buildSchema(thirdBrandSchema().sdl), userDocuments: [], warn: () => {} });
    const module = await evaluate(plan.files.get('error-codes.ts') ?? '');
    const isUnlisted = module.isUnlistedErrorCode as (code: string | undefined) => boolean;
    const errorMessages = module.errorMessages as Readonly<Record<string, readonly string[] | undefined>>;
    for (const code of PROTOTYPE_NAMES) {
      expect(isUnlisted(code), code).toBe(true);
      expect(errorMessages[code], code).toBeUndefined();
    }
    expect(isUnlisted('KT-NW-4000')).toBe(false);
    expect(isUnlisted('KT-CT-1188')).toBe(false);
    expect(isUnlisted('KT-XX-0000')).toBe(true);
  });
});

// README: a generated module has the surface of kraken-sdk/st, isUnlistedErrorCode included; the brands keep
// it beside their table, in kraken-sdk/<brand>/error-messages.
describe('isUnlistedErrorCode of kraken-sdk/st and kraken-sdk/oejp (from their error-messages entries)', () => {
  it.each([
    ['st', stMessagesEntry, stCatalog],
    ['oejp', oejpMessagesEntry, oejpCatalog],
  ] as const)('%s: false for its documented and the common codes, true for any other', (_brand, entry, catalog) => {
    const isUnlisted = (entry as Record<string, unknown>).isUnlistedErrorCode as (code: string | undefined) => boolean;
    expect(typeof isUnlisted).toBe('function');
    for (const code of new Set(catalog.operations.flatMap((operation) => operation.errors.map((error) => error.code)))) expect(isUnlisted(code), code).toBe(false);
    for (const common of ['KT-CT-1111', 'KT-CT-1124', 'KT-CT-1188', 'KT-CT-1199']) expect(isUnlisted(common), common).toBe(false);
    for (const other of ['KT-XX-0000', 'constructor', '__proto__', '']) expect(isUnlisted(other), other).toBe(true);
    expect(isUnlisted(undefined)).toBe(false);
  });
});
