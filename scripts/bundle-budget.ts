// CI budget for the browser bundle, code split and single-file (bytes are stable, unlike times): `npx tsx scripts/bundle-budget.ts`.
// Issue 12's targets: client + 1 operation ≤ 5,000 B gzip with no byte of graphql loaded up front; each
// further operation ≤ 300 B gzip on average; all st operations ≤ 30,000 B gzip.
import { brandBundles, bytesPerFurtherOperation, OCTOKIT_STACK, octokitStackBundle, SOME_OPERATIONS } from '../bench/bundle-cases.js';

const ISSUE_TARGET_CLIENT_AND_ONE_OPERATION = 5_000;
// Issue 30's budget is 8,005 B: not met. Regression ceiling: 9,165 B (measured 9,160 B after issue 30's byte trim,
// 9,155 B with loginWith and a caller's content-length refused; 10,007 B before it). What an up-front part costs, and
// what meeting the budget would take: bench/README.md ("Byte trim"). The history of this figure is in git
// (`git log -p scripts/bundle-budget.ts`).
const CLIENT_AND_ONE_OPERATION_CEILING = 9_165;
// Issue 22: a single-file bundle (no code splitting: dynamic imports inlined, as esbuild's default and
// single-file Worker/Lambda bundles get) holds no byte of graphql; its target of 8,000 B is not met (every lazy part
// is inlined). What each inlined part costs: `npx tsx bench/bundle-single-file-parts.ts`.
const ISSUE_TARGET_SINGLE_FILE = 8_000;
// Issue 30: not above 19,303 B (met). Regression ceiling: 17,180 B (measured 16,913 B once credential login became
// loginWith, an import of the apps that log in; 17,003 B with secrets found inside longer base64 texts and a
// caller's content-length refused; 17,168 B with the operation type read past fragments, comments and strings;
// 17,275 B with the session's secrets kept out of reach of floods (redact.ts addSecret's keptAs), 17,284 B with
// secrets of any length; 17,410 B with the forms a second trial found (form-encoded, a JSON body encoded, &#039;, ß as
// SS, Python's bytes repr); 17,470 B merged with the hooks' content-length dropped and huge made-up secrets learnt as
// they are; 17,598 B with hooks given up when the call's signal fires; 17,714 B with malformed pages refused; 19,206 B
// after the byte trim; 22,497 B before it).
const SINGLE_FILE_CEILING = 17_725;
// Issue 30: the single file at or below the comparable Octokit stack bundled the same way, in the same run (a ratio,
// so a new release of either side moves the budget with it). Met: 0.943 (16,913 B ÷ 17,940 B) with loginWith, 0.981
// (17,598 B), 0.987 (17,714 B) with the session's fixes after it; 1.071 after the byte trim, 1.254 before it.
const SINGLE_FILE_VS_OCTOKIT = 1;
// The client logging in with loginWith, which the Octokit stack has no counterpart of (its app auth is a strategy
// the app imports, as loginWith is): regression ceilings, measured 19,616 B in one file and 9,445 B up front (before
// loginWith every client carried the login: 19,206 B and 9,160 B, with or without auth); 19,773 B in one file with
// the session's secrets kept out of reach of floods, 19,902 B with the forms a second trial found, 19,987 B and 9,465 B
// merged with the hooks' content-length dropped and huge made-up secrets learnt as they are, 20,129 B with hooks
// given up when the call's signal fires, 20,254 B with malformed pages refused.
const LOGIN_SINGLE_FILE_CEILING = 20_265;
const LOGIN_CLIENT_AND_ONE_OPERATION_CEILING = 9_480;
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
