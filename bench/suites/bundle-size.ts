// Browser bundle sizes (esbuild, minified, gzip -9): the client with 1, 20 and all operations per
// brand, against one call through raw fetch, graphql-request and @shopify/graphql-client.
import { baselineBundles, brandBundles, BRANDS, bytesPerFurtherOperation, OCTOKIT_STACK, octokitStackBundle, SOME_OPERATIONS } from '../bundle-cases.js';
import type { BundleSize } from '../bundle.js';
import { formatRatio } from '../table.js';
import type { ResultRow } from '../table.js';

const bytes = (count: number): string => `${Math.round(count).toLocaleString('en-US')} B`;

/** When each lazily imported module is loaded. */
const LOADED_WHEN: Readonly<Record<string, string>> = {
  'auth-sources': 'loaded when a client with a token or getToken first needs one',
  'login-session': 'loaded when a client logging in with loginWith first needs a token',
  classify: 'the failure path: loaded when an attempt first does not simply succeed',
  retrying: 'the failure path: loaded when an attempt first fails',
  'step-errors': 'the failure path: loaded when a call cannot go on (no token, a pause)',
  print: 'only for a DocumentNode without source text',
  'node-http': 'the Node transport: loaded in Node only, never in a browser',
  'node-http-elsewhere': "the Node transport's stand-in outside Node",
  events: 'debug output, tracing and `kraken-sdk:error`: loaded for a client with `debug` or once someone subscribes',
  'hooks-run': 'loaded the first time a call has hooks',
  'shared-pauses': 'loaded for a store that shares pauses',
  'scope-hash': 'loaded for a session store',
  traffic: 'paginate() and rateLimit(): loaded on first use',
};

/** The lazily imported modules of the failure path. */
const FAILURE_PATH = ['classify', 'retrying', 'step-errors'];

function describe(size: BundleSize): string {
  const graphql = size.graphqlBytes === 0 ? 'no graphql bytes' : `${bytes(size.graphqlBytes)} of graphql (minified)`;
  const lazy = [...size.lazyChunks].map(([module, gzip]) => `; + ${bytes(gzip)} lazy ${module} chunk (${LOADED_WHEN[module] ?? 'on first need'})`).join('');
  return `${bytes(size.gzipBytes)} gzip up front, ${graphql}${lazy}`;
}

/** Up front plus what the named lazy modules load (a chunk they share counted once). */
const withLazy = (size: BundleSize, ...modules: string[]): number => size.gzipBytes + size.lazyTogether(...modules);

export async function bundleSize(): Promise<ResultRow[]> {
  const baselines = await baselineBundles();
  const shopify = baselines.get('@shopify/graphql-client');
  if (!shopify) throw new Error('bundle: no @shopify/graphql-client size');
  const octokit = await octokitStackBundle();
  const rows: ResultRow[] = [];
  for (const brand of BRANDS) {
    const bundles = await brandBundles(brand);
    rows.push(
      {
        measure: `Browser bundle, ${brand}: client + 1 operation`,
        subject: 'kraken-sdk',
        subjectResult: describe(bundles.one),
        baseline: '@shopify/graphql-client + 1 operation',
        baselineResult: describe(shopify),
        ratio: formatRatio(bundles.one.gzipBytes, shopify.gzipBytes, 'bytes'),
      },
      {
        measure: `Browser bundle, ${brand}: client logging in with loginWith + 1 operation (up front + login-session chunk)`,
        subject: 'kraken-sdk',
        subjectResult: `${bytes(withLazy(bundles.oneLogin, 'login-session'))} gzip before the first call is sent (${bytes(bundles.oneLogin.gzipBytes)} up front)`,
        baseline: '@shopify/graphql-client + 1 operation',
        baselineResult: bytes(shopify.gzipBytes),
        ratio: formatRatio(withLazy(bundles.oneLogin, 'login-session'), shopify.gzipBytes, 'bytes'),
      },
      {
        measure: `Browser bundle, ${brand}: client logging in with loginWith + 1 operation, after a first failure (up front + login-session + failure-path chunks)`,
        subject: 'kraken-sdk',
        subjectResult: `${bytes(withLazy(bundles.oneLogin, 'login-session', ...FAILURE_PATH))} gzip in all`,
        baseline: '@shopify/graphql-client + 1 operation',
        baselineResult: bytes(shopify.gzipBytes),
        ratio: formatRatio(withLazy(bundles.oneLogin, 'login-session', ...FAILURE_PATH), shopify.gzipBytes, 'bytes'),
      },
      {
        measure: `Single-file bundle (no code splitting), ${brand}: client + 1 operation`,
        subject: 'kraken-sdk',
        subjectResult: `${bytes(bundles.oneSingleFile.gzipBytes)} gzip, ${bundles.oneSingleFile.graphqlBytes === 0 ? 'no graphql bytes' : `${bytes(bundles.oneSingleFile.graphqlBytes)} of graphql (minified)`}`,
        baseline: '@shopify/graphql-client + 1 operation',
        baselineResult: bytes(shopify.gzipBytes),
        ratio: formatRatio(bundles.oneSingleFile.gzipBytes, shopify.gzipBytes, 'bytes'),
      },
      {
        // Issue 30's budget for the single file: at or below this stack (ratio ≤ 1.00).
        measure: `Single-file bundle (no code splitting), ${brand}: client + 1 operation`,
        subject: 'kraken-sdk',
        subjectResult: bytes(bundles.oneSingleFile.gzipBytes),
        baseline: `${OCTOKIT_STACK}, 1 operation, single file`,
        baselineResult: bytes(octokit.gzipBytes),
        ratio: formatRatio(bundles.oneSingleFile.gzipBytes, octokit.gzipBytes, 'bytes'),
      },
      {
        // The same stack has no login with credentials (Octokit's app auth is a separate strategy the app imports).
        measure: `Single-file bundle (no code splitting), ${brand}: client logging in with loginWith + 1 operation`,
        subject: 'kraken-sdk',
        subjectResult: bytes(bundles.oneLoginSingleFile.gzipBytes),
        baseline: `${OCTOKIT_STACK}, 1 operation, single file`,
        baselineResult: bytes(octokit.gzipBytes),
        ratio: formatRatio(bundles.oneLoginSingleFile.gzipBytes, octokit.gzipBytes, 'bytes'),
      },
      {
        measure: `Single-file bundle (no code splitting), ${brand}: client + all ${bundles.operations} operations`,
        subject: 'kraken-sdk',
        subjectResult: `${bytes(bundles.allSingleFile.gzipBytes)} gzip, ${bundles.allSingleFile.graphqlBytes === 0 ? 'no graphql bytes' : `${bytes(bundles.allSingleFile.graphqlBytes)} of graphql (minified)`}`,
        baseline: 'code split, up front',
        baselineResult: bytes(bundles.all.gzipBytes),
        ratio: formatRatio(bundles.allSingleFile.gzipBytes, bundles.all.gzipBytes, 'bytes'),
      },
      {
        measure: `Browser bundle, ${brand}: client + ${SOME_OPERATIONS} operations`,
        subject: 'kraken-sdk',
        subjectResult: describe(bundles.some),
        baseline: 'client + 1 operation',
        baselineResult: bytes(bundles.one.gzipBytes),
        ratio: `${bytes(bytesPerFurtherOperation(bundles))} per further operation`,
      },
      {
        measure: `Browser bundle, ${brand}: client + all ${bundles.operations} operations`,
        subject: 'kraken-sdk',
        subjectResult: describe(bundles.all),
        baseline: 'client + 1 operation',
        baselineResult: bytes(bundles.one.gzipBytes),
        ratio: `${bytes((bundles.all.gzipBytes - bundles.one.gzipBytes) / (bundles.operations - 1))} per further operation`,
      },
    );
  }
  for (const [name, size] of baselines) {
    if (name === '@shopify/graphql-client') continue;
    rows.push({
      measure: 'Browser bundle: 1 operation',
      subject: name,
      subjectResult: describe(size),
      baseline: '@shopify/graphql-client + 1 operation',
      baselineResult: bytes(shopify.gzipBytes),
      ratio: formatRatio(size.gzipBytes, shopify.gzipBytes, 'bytes'),
    });
  }
  return rows;
}
