// CI budget for the browser bundle (bytes are stable, unlike times): `npx tsx scripts/bundle-budget.ts`.
// Targets from issue 12: client + 1 operation ≤ 5,000 B gzip with no byte of graphql loaded up front;
// each further operation ≤ 300 B gzip on average; all st operations ≤ 30,000 B gzip.
import { brandBundles, bytesPerFurtherOperation, SOME_OPERATIONS } from '../bench/bundle-cases.js';

const CLIENT_AND_ONE_OPERATION = 5_000;
const PER_FURTHER_OPERATION = 300;
const ALL_ST_OPERATIONS = 30_000;

const st = await brandBundles('st');
const perOperation = bytesPerFurtherOperation(st);
const checks: Array<[string, number, number]> = [
  ['st client + 1 operation (gzip bytes)', st.one.gzipBytes, CLIENT_AND_ONE_OPERATION],
  ['graphql bytes in the client + 1 operation bundle', st.one.graphqlBytes, 0],
  [`st average gzip bytes per further operation (1 → ${SOME_OPERATIONS})`, perOperation, PER_FURTHER_OPERATION],
  [`st client + all ${st.operations} operations (gzip bytes)`, st.all.gzipBytes, ALL_ST_OPERATIONS],
  ['graphql bytes in the all-operations bundle', st.all.graphqlBytes, 0],
];
let failed = false;
for (const [what, measured, limit] of checks) {
  const ok = measured <= limit;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${what}: ${Math.round(measured)} (budget ${limit})`);
}
if (failed) {
  console.error('bundle budget exceeded: see the lines marked OVER (npm run bench shows where the bytes come from).');
  process.exitCode = 1;
}
