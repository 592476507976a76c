// What the bundle figures measure: the client with 1, 20 and all documents of a brand, and the
// same single call made with raw fetch, graphql-request and @shopify/graphql-client.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleSizes, ROOT, sourcePath } from './bundle.js';
import type { BundleSize } from './bundle.js';

export const BRANDS = ['st', 'oejp'] as const;
export type Brand = (typeof BRANDS)[number];
const LOGIN = 'ObtainKrakenToken';
export const SOME_OPERATIONS = 20;

/** The operation names of a brand in catalog order, the login operation (always bundled) left out. */
export async function operationNames(brand: Brand): Promise<string[]> {
  const catalog = JSON.parse(await readFile(join(ROOT, 'catalog', `${brand}.json`), 'utf8')) as { operations: Array<{ operationName: string }> };
  return catalog.operations.map((operation) => operation.operationName).filter((name) => name !== LOGIN);
}

/**
 * A module calling each named operation once; `root` is the project to import from (a copy, for a variant of the
 * source). `login`: the client logs in with an API key (loginWith), else it has no auth.
 */
export function clientWith(brand: Brand, names: readonly string[], root = ROOT, login = false): string {
  const documents = names.map((name) => `${name}Document`);
  return [
    `import { createKrakenClient, ${login ? 'loginWith, ' : ''}${documents.join(', ')} } from ${JSON.stringify(join(root, `src/brands/${brand}.ts`))};`,
    login ? "const client = createKrakenClient({ auth: loginWith({ apiKey: 'sk_bundle' }) });" : 'const client = createKrakenClient();',
    `export const calls = [${documents.join(', ')}].map((document) => () => client.request(document as never, {} as never));`,
  ].join('\n');
}

function clientWithAll(brand: Brand): string {
  return [
    `import { createKrakenClient } from ${sourcePath(`src/brands/${brand}.ts`)};`,
    `import * as documents from ${sourcePath(`src/generated/${brand}/documents.ts`)};`,
    'const client = createKrakenClient();',
    'export const calls = Object.values(documents).map((document) => () => client.request(document as never, {} as never));',
  ].join('\n');
}

export interface BrandBundles {
  readonly operations: number;
  readonly one: BundleSize;
  /** Client + 1 operation in one file (no code splitting: dynamic imports inlined). */
  readonly oneSingleFile: BundleSize;
  /** Client + every operation in one file. */
  readonly allSingleFile: BundleSize;
  /** Client logging in with loginWith + 1 operation, code split (the login code in its own lazy chunk). */
  readonly oneLogin: BundleSize;
  /** The same in one file. */
  readonly oneLoginSingleFile: BundleSize;
  readonly some: BundleSize;
  readonly all: BundleSize;
}

/** Client + 1, + 20 and + every operation of the brand. */
export async function brandBundles(brand: Brand): Promise<BrandBundles> {
  const names = await operationNames(brand);
  const sizes = await bundleSizes({
    one: clientWith(brand, names.slice(0, 1)),
    oneLogin: clientWith(brand, names.slice(0, 1), ROOT, true),
    some: clientWith(brand, names.slice(0, SOME_OPERATIONS)),
    all: clientWithAll(brand),
  });
  const singleFile = await bundleSizes(
    { one: clientWith(brand, names.slice(0, 1)), oneLogin: clientWith(brand, names.slice(0, 1), ROOT, true), all: clientWithAll(brand) },
    { splitting: false },
  );
  const get = (from: Map<string, BundleSize>, name: string): BundleSize => {
    const size = from.get(name);
    if (!size) throw new Error(`bundle: no size for ${name}`);
    return size;
  };
  // Every operation plus the login operation the client always carries.
  return {
    operations: names.length + 1,
    one: get(sizes, 'one'),
    some: get(sizes, 'some'),
    all: get(sizes, 'all'),
    oneSingleFile: get(singleFile, 'one'),
    allSingleFile: get(singleFile, 'all'),
    oneLogin: get(sizes, 'oneLogin'),
    oneLoginSingleFile: get(singleFile, 'oneLogin'),
  };
}

/** Gzipped bytes each further operation adds, on average, from 1 to 20 operations. */
export function bytesPerFurtherOperation(bundles: BrandBundles): number {
  return (bundles.some.gzipBytes - bundles.one.gzipBytes) / (SOME_OPERATIONS - 1);
}

const BASELINE_URL = JSON.stringify('https://api.st.kraken.tech/v1/graphql/');
const baselineQuery = async (): Promise<string> => JSON.stringify((await import('../src/generated/st/documents.js')).AcceptGoodsQuoteDocument.kraken.text);

/**
 * Issue 30's baseline for the single file: Octokit's core with the plugins that do what the client does beyond a
 * plain request (GraphQL pagination, rate-limit throttling, retries), making the same call, bundled the same way.
 */
export const OCTOKIT_STACK = '@octokit/core + plugin-paginate-graphql + plugin-throttling + plugin-retry';

export async function octokitStackBundle(): Promise<BundleSize> {
  const source = [
    "import { Octokit } from '@octokit/core';",
    "import { paginateGraphQL } from '@octokit/plugin-paginate-graphql';",
    "import { retry } from '@octokit/plugin-retry';",
    "import { throttling } from '@octokit/plugin-throttling';",
    'const Client = Octokit.plugin(paginateGraphQL, throttling, retry);',
    `const octokit = new Client({ baseUrl: ${BASELINE_URL}, throttle: { onRateLimit: () => true, onSecondaryRateLimit: () => true } });`,
    `export const call = (variables: Record<string, unknown>) => octokit.graphql(${await baselineQuery()}, variables);`,
  ].join('\n');
  const size = (await bundleSizes({ octokit: source }, { splitting: false })).get('octokit');
  if (!size) throw new Error('bundle: no size for the Octokit stack');
  return size;
}

/** One AcceptGoodsQuote call through each baseline library, for comparison. */
export async function baselineBundles(): Promise<Map<string, BundleSize>> {
  const query = await baselineQuery();
  const url = BASELINE_URL;
  return bundleSizes({
    'raw fetch': `export const call = (variables: unknown) => fetch(${url}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ${query}, variables }) }).then((response) => response.json());`,
    'graphql-request': `import { GraphQLClient } from 'graphql-request';\nconst client = new GraphQLClient(${url});\nexport const call = (variables: Record<string, unknown>) => client.request(${query}, variables);`,
    '@shopify/graphql-client': `import { createGraphQLClient } from '@shopify/graphql-client';\nconst client = createGraphQLClient({ url: ${url}, headers: { 'Content-Type': 'application/json' } });\nexport const call = (variables: Record<string, unknown>) => client.request(${query}, { variables });`,
  });
}
