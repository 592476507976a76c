// Issue 27: a brand no reference page documents, from pull to a typed call. A server started here serves
// a generated Kraken-shaped schema (one-line code lists, an API-key-only login); pull and generate run
// without --brand; the module's client, built without `endpoint`, sends its credentials only there.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';
import { runCli } from '../../src/cli/run.js';
import { catalog as stCatalog } from '../../src/generated/st/catalog.js';
import { FIXTURE_API_KEY, FIXTURE_TOKEN, startSchemaServer, type SchemaServer } from './schema-server.js';
import { thirdBrandSchema } from './third-brand-schema.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function cli(argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stopSignal: () => new Promise(() => {}) });
  return { status, out, err };
}

/** Type-checks `source` (as use.ts in `dir`) against the generated module and kraken-sdk's sources. */
function compile(dir: string, source: string): string[] {
  const file = join(dir, `use-${Math.random().toString(36).slice(2)}.ts`);
  ts.sys.writeFile(file, source);
  const program = ts.createProgram({
    rootNames: [file],
    options: {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, exactOptionalPropertyTypes: true,
      noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], typeRoots: [join(root, 'node_modules/@types')],
      baseUrl: root, paths: { 'kraken-sdk': [join(root, 'src/index.ts')] },
    },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.slice(dir.length)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('a brand with no reference page: pull --endpoint, generate, a typed call', () => {
  const { sdl, listedCodes } = thirdBrandSchema();
  let server: SchemaServer;
  let dir: string;
  let schemaFile: string;
  let generated: { status: number; out: string[]; err: string[] };

  beforeAll(async () => {
    server = await startSchemaServer(sdl, 'auth-required', {
      registerWidget: ({ input }: { input: { label: string } }) => ({ widget: { id: 'W-1', label: input.label, status: 'ACTIVE', installedOn: null }, ok: true }),
      // Two pages of widgets, whatever the page size.
      assets: ({ after }: { first?: number; after?: string | null }) => ({
        edges: [{ cursor: after ? 'c2' : 'c1', node: { id: after ? 'W-2' : 'W-1', label: null, status: 'ACTIVE', installedOn: null } }],
        pageInfo: { hasNextPage: !after, endCursor: after ? 'c2' : 'c1' },
      }),
    });
    dir = await mkdtemp(join(tmpdir(), 'any-brand-'));
    schemaFile = join(dir, 'nwater.graphql');
    const pulled = await runPullCommand(['--endpoint', server.url, '--out', schemaFile], { stdout: () => {}, stderr: () => {} }, { env: { KRAKEN_API_KEY: FIXTURE_API_KEY } });
    expect(pulled).toBe(0);
    await mkdir(join(dir, 'graphql'));
    // By Kraken's rule the page costs 1 + 3 per item (edges, node, pageInfo): 301 at the default page of 100, 199 at 66.
    await writeFile(join(dir, 'graphql/assets.graphql'), 'query Assets($first: Int, $after: String) {\n  assets(first: $first, after: $after) {\n    edges { node { id label status } }\n    pageInfo { hasNextPage endCursor }\n  }\n}\n');
    generated = await cli(['generate', '--schema', schemaFile, '--out', join(dir, 'kraken'), '--operations', join(dir, 'graphql')]);
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('pull without --brand logs in with the API key at the endpoint only and records the endpoint in the header', async () => {
    const text = await readFile(schemaFile, 'utf8');
    expect(text.split('\n')[1]).toBe(`# Endpoint: ${server.url}`);
    expect(text).not.toContain('# Brand:');
    // The login, then introspection with its token: both at the one server.
    expect(server.authorizations).toEqual([undefined, FIXTURE_TOKEN]);
  });

  it('generate without --brand: every mutation of the schema, codes only from its descriptions, no Severn Trent code', async () => {
    expect(generated.status).toBe(0);
    const documents = await readFile(join(dir, 'kraken/documents.ts'), 'utf8');
    // 6 things x 3 verbs, the login and the user's query.
    expect(documents.match(/^export const \w+Document/gm)).toHaveLength(20);
    for (const [field, codes] of listedCodes) {
      const name = `${field[0]?.toUpperCase()}${field.slice(1)}`;
      expect(documents).toContain(`export type ${name}ErrorCode = ${codes.map((code) => `'${code}'`).join(' | ')};`);
    }
    const unions = [...documents.matchAll(/^export type \w+ErrorCode = (.*);$/gm)].flatMap((match) => match[1]?.split(' | ') ?? []).filter((code) => code !== 'never');
    const stOnly = new Set(stCatalog.operations.flatMap((operation) => operation.errors.map((error) => `'${error.code}'`)).filter((code) => !sdl.includes(code.slice(1, -1))));
    expect(unions.filter((code) => stOnly.has(code) || !sdl.includes(code.slice(1, -1)))).toEqual([]);
    const client = await readFile(join(dir, 'kraken/client.ts'), 'utf8');
    expect(client).toContain(JSON.stringify(server.url));
    expect(client).not.toMatch(/kraken\.tech|octopus|oejp/);
  });

  it('the client built without endpoint sends its credentials only to the server the schema came from', async () => {
    // The module as run (its types are checked in the next test).
    const module = (await import(join(dir, 'kraken/index.ts'))) as {
      createKrakenClient: (options: object) => { request: (document: unknown, variables: object) => Promise<{ registerWidget?: { widget?: { label?: string } } }> };
      loginWith: (credentials: object) => object;
      RegisterWidgetDocument: unknown;
    };
    const sent: string[] = [];
    const capturing: typeof fetch = (input, init) => {
      sent.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const client = module.createKrakenClient({ auth: module.loginWith({ apiKey: FIXTURE_API_KEY }), fetch: capturing });
    const before = server.authorizations.length;
    const result = await client.request(module.RegisterWidgetDocument, { input: { label: 'north' } });
    expect(result.registerWidget?.widget?.label).toBe('north');
    expect(sent.length).toBe(2);
    expect(new Set(sent)).toEqual(new Set([server.url]));
    expect(server.authorizations.slice(before)).toEqual([undefined, FIXTURE_TOKEN]);
  });

  it('paginate starts at the largest page that fits the complexity limit: no walk starts with a refused request', async () => {
    const module = (await import(join(dir, 'kraken/index.ts'))) as {
      createKrakenClient: (options: object) => { paginate: (document: unknown, variables?: object) => AsyncIterable<{ id: string }> };
      AssetsDocument: { kraken: { connections: Record<string, { startPageSize?: number }> } };
    };
    expect(module.AssetsDocument.kraken.connections.assets?.startPageSize).toBe(66);
    const client = module.createKrakenClient({ auth: { token: FIXTURE_TOKEN } });
    const from = server.variables.length;
    const refusedBefore = server.refusedForComplexity;
    const ids: string[] = [];
    for await (const node of client.paginate(module.AssetsDocument)) ids.push(node.id);
    expect(ids).toEqual(['W-1', 'W-2']);
    expect(server.refusedForComplexity - refusedBefore).toBe(0);
    expect(server.variables.slice(from).map((variables) => variables?.first)).toEqual([66, 66]);
  });

  it('type-checks: the login the schema takes, typed results, typo-proof codes', () => {
    const problems = compile(
      dir,
      `
import { createKrakenClient, isKrakenError, isUnlistedErrorCode, loginWith, RegisterWidgetDocument, type RegisterWidgetErrorCode, type UnlistedErrorCode } from './kraken/index.js';
const client = createKrakenClient({ auth: loginWith({ apiKey: 'k' }) });
// @ts-expect-error the schema's login input has no email: an email login does not compile
createKrakenClient({ auth: loginWith({ email: 'a@b.c', password: 'p' }) });
// @ts-expect-error credentials themselves are not an auth: loginWith makes one
createKrakenClient({ auth: { apiKey: 'k' } });
export async function use(): Promise<string> {
  try {
    const result = await client.request(RegisterWidgetDocument, { input: { label: 'x', status: 'ACTIVE' } });
    const label: string | null | undefined = result.registerWidget?.widget?.label;
    return label ?? '';
  } catch (error) {
    if (isKrakenError(error, RegisterWidgetDocument)) {
      if (error.code === 'KT-NW-4000') return 'listed';
      if (error.code === 'KT-CT-1188') return 'common';
      // @ts-expect-error a typo of KT-NW-4000: neither listed for registerWidget nor common
      if (error.code === 'KT-NW-4001') return 'typo';
      if (isUnlistedErrorCode(error.code)) {
        const unlisted: UnlistedErrorCode = error.code;
        const text: string = unlisted;
        return text;
      }
    }
    return 'other';
  }
}
const listed: RegisterWidgetErrorCode = 'KT-NW-4000';
void listed;
`,
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it('a schema that names no endpoint: endpoint is required, by type and at run time, and never defaulted', async () => {
    const bare = join(dir, 'bare.graphql');
    await writeFile(bare, sdl);
    expect((await cli(['generate', '--schema', bare, '--out', join(dir, 'bare')])).status).toBe(0);
    const module = (await import(join(dir, 'bare/index.ts'))) as { createKrakenClient: (options?: unknown) => unknown; loginWith: (credentials: object) => object };
    expect(() => module.createKrakenClient({ auth: module.loginWith({ apiKey: FIXTURE_API_KEY }) })).toThrow(TypeError);
    expect(() => module.createKrakenClient({ auth: module.loginWith({ apiKey: FIXTURE_API_KEY }) })).toThrow(/`endpoint` is required/);
    const problems = compile(
      dir,
      `
import { createKrakenClient, loginWith } from './bare/index.js';
// @ts-expect-error endpoint is required: the schema names none
createKrakenClient({ auth: loginWith({ apiKey: 'k' }) });
createKrakenClient({ endpoint: 'https://api.example.test/v1/graphql/', auth: loginWith({ apiKey: 'k' }) });
`,
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
