// CI budget for the browser bundle, code split and single-file (bytes are stable, unlike times): `npx tsx scripts/bundle-budget.ts`.
// Issue 12's targets: client + 1 operation ≤ 5,000 B gzip with no byte of graphql loaded up front; each
// further operation ≤ 300 B gzip on average; all st operations ≤ 30,000 B gzip.
import { brandBundles, bytesPerFurtherOperation, OCTOKIT_STACK, octokitStackBundle, SOME_OPERATIONS } from '../bench/bundle-cases.js';

const ISSUE_TARGET_CLIENT_AND_ONE_OPERATION = 5_000;
// Issue 30's budget is 8,005 B: not met (blocked: bench/README.md, "Byte trim", says what meeting it would take).
// Regression ceiling: measured 9,171 B (10,007 B before issue 30's byte trim).
// Each figure's history is in git (`git log -p scripts/bundle-budget.ts`).
const CLIENT_AND_ONE_OPERATION_CEILING = 9_185;
// Issue 22: a single-file bundle (no code splitting: dynamic imports inlined, as esbuild's default and
// single-file Worker/Lambda bundles get) holds no byte of graphql; its target of 8,000 B is not met (every lazy part
// is inlined). What each inlined part costs: `npx tsx bench/bundle-single-file-parts.ts`.
const ISSUE_TARGET_SINGLE_FILE = 8_000;
// Issue 30: not above 19,303 B (met). Regression ceiling: measured 18,114 B (17,749 B at the start of session 11, whose
// trials' fixes added the rest; git keeps the history).
const SINGLE_FILE_CEILING = 18_120;
// Issue 30: the single file at or below the comparable Octokit stack bundled the same way, in the same run (a ratio,
// so a new release of either side moves the budget with it). Met from loginWith (0.943) to 0.999; not met since the
// fixes of session 11's trials (1.010: store hangs bounded by the call, echoes cut or nested deep, Bun's zstd, Deno's
// failures, framing headers): this is a regression ceiling now (issue 30 blocked, bench/README.md "Byte trim").
const SINGLE_FILE_VS_OCTOKIT = 1.01;
// The client logging in with loginWith, which the Octokit stack has no counterpart of (its app auth is a strategy
// the app imports, as loginWith is): regression ceilings, measured 21,298 B in one file (20,298 B before session 11's
// store fixes: store health, shared refusals, lease and token checks) and 9,483 B up front.
const LOGIN_SINGLE_FILE_CEILING = 21_310;
const LOGIN_CLIENT_AND_ONE_OPERATION_CEILING = 9_515;
const PER_FURTHER_OPERATION = 300;
const ALL_ST_OPERATIONS = 30_000;

const st = await brandBundles('st');
const octokit = await octokitStackBundle();
const singleFileVsOctokit = st.oneSingleFile.gzipBytes / octokit.gzipBytes;
const checks: Array<[string, number, number]> = [
  ['st client + 1 operation, gzip bytes (regression ceiling)', st.one.gzipBytes, CLIENT_AND_ONE_OPERATION_CEILING],
  ['graphql bytes loaded up front by the client + 1 operation', st.one.graphqlBytes, 0],
  ['graphql bytes in lazy chunks of the client + 1 operation', st.one.lazyGraphqlBytes, 0],
  ['st client + 1 operation in a single file (no code splitting), gzip bytes (regression ceiling)', st.oneSingleFile.gzipBytes, SINGLE_FILE_CEILING],
  ['graphql bytes in that single file', st.oneSingleFile.graphqlBytes, 0],
  [`that single file ÷ the single file of ${OCTOKIT_STACK} (${octokit.gzipBytes} B), ratio of gzip bytes (issue 30)`, singleFileVsOctokit, SINGLE_FILE_VS_OCTOKIT],
  ['st client logging in with loginWith + 1 operation, gzip bytes up front (regression ceiling)', st.oneLogin.gzipBytes, LOGIN_CLIENT_AND_ONE_OPERATION_CEILING],
  ['the same in a single file, gzip bytes (regression ceiling)', st.oneLoginSingleFile.gzipBytes, LOGIN_SINGLE_FILE_CEILING],
  ['graphql bytes in the single file of all st operations', st.allSingleFile.graphqlBytes, 0],
  [`st gzip bytes per further operation, average from 1 to ${SOME_OPERATIONS}`, bytesPerFurtherOperation(st), PER_FURTHER_OPERATION],
  [`st client + all ${st.operations} operations, gzip bytes`, st.all.gzipBytes, ALL_ST_OPERATIONS],
  ['graphql bytes loaded up front by the all-operations bundle', st.all.graphqlBytes, 0],
];
let failed = false;
for (const [what, measured, limit] of checks) {
  const ok = measured <= limit;
  failed ||= !ok;
  const shown = what.includes('ratio of') ? measured.toFixed(3) : Math.round(measured);
  console.log(`${ok ? 'ok  ' : 'OVER'} ${what}: ${shown} (budget ${limit})`);
}
const target = st.one.gzipBytes <= ISSUE_TARGET_CLIENT_AND_ONE_OPERATION ? 'met' : 'not met yet';
console.log(`note: issue 12 targets ≤ ${ISSUE_TARGET_CLIENT_AND_ONE_OPERATION} B for the client + 1 operation: ${target} (${st.one.gzipBytes} B).`);
const singleFileTarget = st.oneSingleFile.gzipBytes <= ISSUE_TARGET_SINGLE_FILE ? 'met' : 'not met yet';
console.log(`note: issue 22 targets ≤ ${ISSUE_TARGET_SINGLE_FILE} B for the client + 1 operation in a single file: ${singleFileTarget} (${st.oneSingleFile.gzipBytes} B).`);
if (failed) {
  console.error('bundle budget exceeded: see the lines marked OVER (`npm run bench -- --only=bundle` shows the sizes).');
  process.exitCode = 1;
}
