/**
 * Shapes real Kraken schemas have that broke `generate --schema` (issue 18): members sharing a field
 * name with different types, operations named like the module's exports, selections over Kraken's
 * limits, Relay connections, and every problem printed in full.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, requestCost } from '../../mocks/limits.js';
import { problemLines } from '../../src/cli/generate-schema.js';
import { runCli } from '../../src/cli/run.js';
import { SDK_ROOT_EXPORTS } from '../../src/codegen/export-names.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// The issue's reproduction, with a login input that takes no email, and a Relay connection.
const SCHEMA = `
type Query { x: Int account(number: String!): Account }
type Mutation {
  createAccountNote(input: CreateAccountNoteInput!): CreateAccountNote
  obtainKrakenToken(input: ObtainJSONWebTokenInput!): ObtainKrakenToken
}
input CreateAccountNoteInput { accountNumber: String! }
input ObtainJSONWebTokenInput { APIKey: String refreshToken: String }
input UnusedInput { a: Int }
enum UnusedEnum { ON OFF }
type ObtainKrakenToken { token: String! refreshToken: String refreshExpiresIn: Int }
type CreateAccountNote { party: Party }
union Party = A | B
type A { number: String count: Int tags: [String] }
type B { number: String! count: BigInt tags: [[String]] }
scalar BigInt
type Account { number: String bills(first: Int, after: String, last: Int, before: String): BillConnection }
type BillConnection { pageInfo: PageInfo! edges: [BillEdge] }
type BillEdge { cursor: String! node: Bill }
type Bill { id: ID! unused: UnusedEnum }
type PageInfo { hasNextPage: Boolean! endCursor: String }
`;

const OPERATIONS = `
query Login { x }
query Kraken { x }
query Common { x }
query Bills($number: String!, $pageSize: Int, $cursor: String) {
  account(number: $number) { number ...Billing }
}
fragment Billing on Account { recent: bills(first: $pageSize, after: $cursor) { pageInfo { hasNextPage endCursor } edges { node { id } } } }
`;

const CONSUMER = `
import { createKrakenClient, loginWith, CreateAccountNoteDocument, LoginDocument, KrakenDocument, CommonErrorCode, BillsDocument } from './kraken/index.js';
import type { ResultOf } from 'kraken-sdk';

const client = createKrakenClient({ auth: loginWith({ apiKey: 'k' }) });
// @ts-expect-error this schema's ObtainJSONWebTokenInput has no email: a password login does not compile
createKrakenClient({ auth: loginWith({ email: 'e', password: 'p' }) });

export async function use(): Promise<void> {
  const { createAccountNote } = await client.request(CreateAccountNoteDocument, { input: { accountNumber: 'A-1' } });
  const party = createAccountNote?.party;
  if (party?.__typename === 'A') {
    const number: string | null = party.number;
    const count: number | null = party.count;
    void number;
    void count;
  }
  if (party?.__typename === 'B') {
    // B's number is String!, A's is String: B's comes under an alias, typed exactly.
    const number: string = party.number_B;
    const count: string | null = party.count_B;
    const tags: ((string | null)[] | null)[] | null = party.tags_B;
    // @ts-expect-error B has no unaliased number in the result
    void party.number;
    void number;
    void count;
    void tags;
  }
  const login: ResultOf<typeof LoginDocument> = await client.request(LoginDocument);
  const kraken = await client.request(KrakenDocument);
  const x: number | null = kraken.x;
  // @ts-expect-error in this module CommonErrorCode is operation Common's codes (none), not kraken-sdk's
  const common: CommonErrorCode = 'KT-CT-1111';
  const bills = await client.request(BillsDocument, { number: 'A-1', pageSize: 10 });
  const cursor: string | null | undefined = bills.account?.recent?.pageInfo.endCursor;
  // The recorded connection types paginate's nodes; a document without one does not compile.
  for await (const bill of client.paginate(BillsDocument, { number: 'A-1' })) {
    const id: string = bill.id;
    void id;
  }
  // @ts-expect-error CreateAccountNote selects no Relay connection
  client.paginate(CreateAccountNoteDocument, { input: { accountNumber: 'A-1' } });
  void login;
  void x;
  void common;
  void cursor;
}
`;

async function cli(argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stopSignal: () => new Promise(() => {}) });
  return { status, out, err };
}

function documentText(documents: string, name: string): string {
  return JSON.parse(/documentOf\("\w+", ("(?:[^"\\]|\\.)*")/.exec(documents.slice(documents.indexOf(`const ${name}Document`)))?.[1] ?? '""') as string;
}

describe('generate --schema on the shapes real schemas have', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'real-shapes-'));
    await writeFile(join(dir, 'schema.graphql'), SCHEMA);
    await mkdir(join(dir, 'ops'));
    await writeFile(join(dir, 'ops/mine.graphql'), OPERATIONS);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes valid documents at every depth 0..3 for members whose same-named fields differ', async () => {
    const schema = buildSchema(SCHEMA);
    for (const depth of [0, 1, 2, 3]) {
      const out = join(dir, `depth-${depth}`);
      const run = await cli(['generate', '--brand', 'st', '--schema', join(dir, 'schema.graphql'), '--out', out, '--depth', String(depth)]);
      expect(run.err).toEqual([]);
      expect(run.status).toBe(0);
      const text = documentText(await readFile(join(out, 'documents.ts'), 'utf8'), 'CreateAccountNote');
      expect(validate(schema, parse(text))).toEqual([]);
      if (depth > 0) expect(text).toContain('party{__typename ...on A{count number tags}...on B{count_B:count number_B:number tags_B:tags}}');
    }
  }, 120_000);

  it('types the aliases, narrows by __typename, compiles operations named Login, Kraken, Common, and takes only the logins the schema does', async () => {
    const run = await cli(['generate', '--brand', 'st', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'kraken'), '--operations', join(dir, 'ops')]);
    expect(run.status, run.err.join('\n')).toBe(0);
    // Shadowing kraken-sdk's own names is allowed, and said.
    expect(run.err).toEqual([
      "kraken-sdk generate: warning: operation Common (its error codes) exports CommonErrorCode, which hides kraken-sdk's own CommonErrorCode in this module (import that one from kraken-sdk)",
      "kraken-sdk generate: warning: operation Kraken (its document) exports KrakenDocument, which hides kraken-sdk's own KrakenDocument in this module (import that one from kraken-sdk)",
      "kraken-sdk generate: warning: operation Login (its document) exports LoginDocument, which hides kraken-sdk's own LoginDocument in this module (import that one from kraken-sdk)",
      "kraken-sdk generate: warning: operation Login (its error codes) exports LoginErrorCode, which hides kraken-sdk's own LoginErrorCode in this module (import that one from kraken-sdk)",
    ]);
    await writeFile(join(dir, 'use.ts'), CONSUMER);
    const program = ts.createProgram({
      rootNames: [join(dir, 'use.ts')],
      options: {
        target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true,
        noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], paths: { 'kraken-sdk': [join(root, 'src/index.ts')] },
      },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName.slice(dir.length) ?? ''}:${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : ''} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(problems).toEqual([]);
  }, 120_000);

  it('emits only the enums and inputs the operations reach (light output)', async () => {
    const types = await readFile(join(dir, 'kraken/graphql.ts'), 'utf8');
    expect(types).toContain('export type CreateAccountNoteInput = {');
    expect(types).toContain('export type ObtainJSONWebTokenInput = {');
    expect(types).not.toContain('UnusedInput');
    expect(types).not.toContain('UnusedEnum');
  });

  it("records the user's Relay connections in the document (kraken.connections), through fragments and aliases", async () => {
    const documents = await readFile(join(dir, 'kraken/documents.ts'), 'utf8');
    // nodesPerItem by the mocks' node rule: everything under the connection field counts once per item
    // (pageInfo, hasNextPage, endCursor, edges, node, id): 6, so paginate asks for at most 1,666 (then 100).
    // startPageSize by the complexity rule: 2 + 3 per item (pageInfo, edges, node) fits 200 up to 66 (issue 29).
    const recorded = '{"account.recent":{"path":["account","recent"],"direction":"forward","sizeVariable":"pageSize","cursorVariable":"cursor","nodesPerItem":6,"startPageSize":66}}';
    // Once as the value, once as its literal type (what types paginate's nodes).
    expect(documents).toContain(`, 'api', ${recorded});`);
    expect(documents).toContain(`& { readonly kraken: { readonly connections: ${recorded} } }`);
    expect(documents.split(recorded)).toHaveLength(3);
  });

  it("trims a selection over Kraken's complexity limit and says so", async () => {
    // Each level holds 3 lists of the next: complexity grows as 3^depth, past 200 at depth 4.
    const wide = `type Query { x: Int }
type Mutation { createAccountNote(input: String): L0 }
${[0, 1, 2, 3, 4, 5].map((level) => `type L${level} { id: ID ${level < 5 ? `a: [L${level + 1}] b: [L${level + 1}] c: [L${level + 1}] d: L${level + 1} e: L${level + 1}` : ''} }`).join('\n')}`;
    await writeFile(join(dir, 'wide.graphql'), wide);
    const run = await cli(['generate', '--brand', 'st', '--schema', join(dir, 'wide.graphql'), '--out', join(dir, 'wide'), '--depth', '5']);
    expect(run.status).toBe(0);
    expect(run.err.filter((line) => line.includes('trimmed'))).toEqual([
      expect.stringMatching(/^kraken-sdk generate: warning: CreateAccountNote: selection trimmed to .+ to stay within Kraken's limits \(complexity \d+ -> \d+ of 200, nodes \d+ -> \d+ of 10000\)$/),
    ]);
    const text = documentText(await readFile(join(dir, 'wide/documents.ts'), 'utf8'), 'CreateAccountNote');
    const cost = requestCost(parse(text));
    expect(cost.complexity).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.complexity);
    expect(cost.complexity).toBeGreaterThan(DEFAULT_REQUEST_LIMITS.complexity / 4);
  }, 60_000);
});

describe('problems in full', () => {
  it("prints every error codegen reports, not its first line", async () => {
    const { generate } = await import('@graphql-codegen/cli');
    const failure = await generate(
      { silent: true, generates: { 'out.ts': { schema: 'type Query { a: Int }', documents: ['query A { nope }\nquery B { alsoNope }'], plugins: ['typescript'] } } },
      false,
    ).catch((error: unknown) => error);
    const lines = problemLines(failure);
    expect(lines[0]).toBe('GraphQL Document Validation failed with 2 errors;');
    expect(lines.filter((line) => /Cannot query field "(nope|alsoNope)" on type "Query"/.test(line))).toHaveLength(2);
    expect(lines.some((line) => /^\s+at /.test(line.replace(/^\s+at .*\.graphql:\d+:\d+$/, '')))).toBe(false);
  }, 60_000);

  it('names every clash and refused name on its own line, before codegen runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clash-'));
    try {
      await writeFile(join(dir, 's.graphql'), 'type Query { x: Int }\ntype Mutation { createAccountNote(input: Maybe): toString }\ninput Maybe { a: Int }\ntype toString { a: Int }');
      await mkdir(join(dir, 'ops'));
      await writeFile(join(dir, 'ops/a.graphql'), 'mutation CreateAccountNoteMutation { createAccountNote { a } }\nquery valueOf { x }');
      const run = await cli(['generate', '--brand', 'st', '--schema', join(dir, 's.graphql'), '--out', join(dir, 'out'), '--operations', join(dir, 'ops')]);
      expect(run.status).toBe(1);
      expect(run.err).toEqual([
        'kraken-sdk generate: schema type toString: graphql-codegen cannot type a schema type named like a JavaScript Object.prototype member (toString); rename it in the schema file',
        'kraken-sdk generate: operation or fragment valueOf: graphql-codegen cannot type a operation or fragment named like a JavaScript Object.prototype member (valueOf); rename it in your .graphql file',
        "kraken-sdk generate: CreateAccountNoteMutation would be exported twice, by operation CreateAccountNote (its result type) and by operation CreateAccountNoteMutation (its result type): rename one",
        "kraken-sdk generate: CreateAccountNoteMutationVariables would be exported twice, by operation CreateAccountNote (its variables type) and by operation CreateAccountNoteMutation (its variables type): rename one",
        "kraken-sdk generate: Maybe would be exported twice, by graphql-codegen's helper type Maybe and by schema type Maybe: rename one",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the module's list of kraken-sdk's exports", () => {
  it('is exactly what src/index.ts exports', () => {
    const program = ts.createProgram([join(root, 'src/index.ts')], {
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(join(root, 'src/index.ts'));
    const symbol = source ? checker.getSymbolAtLocation(source) : undefined;
    const exported = symbol ? checker.getExportsOfModule(symbol).map((item) => item.name).sort() : [];
    expect(exported.length).toBeGreaterThan(20);
    expect([...SDK_ROOT_EXPORTS].sort()).toEqual(exported);
  }, 60_000);
});
