// What each part of the st client + 1 operation single-file bundle (no code splitting) costs, gzip: the bundle
// built again with one lazily loaded part cut (its dynamic import replaced by a rejected promise, so esbuild
// leaves its code out), then with the parts cut one after another. Issue 22 asks ≤ 8,000 B of this bundle:
// the figures say what reaching it (or issue 30's ≤ the Octokit stack) would take. `npx tsx bench/bundle-single-file-parts.ts`.
import { bundleSizes } from './bundle.js';
import type { SourceEdit } from './bundle.js';
import { clientWith, operationNames } from './bundle-cases.js';

const cut = (file: string, text: string): SourceEdit => [file, text, "Promise.reject(new Error('cut'))"];

const STEPS = 'src/client/steps';
const STEP_ERRORS = "import('../failure/step-errors.js')";

/** Each part, what needs it, and the edits that leave it out (every dynamic import of it). */
const PARTS: ReadonlyArray<{ readonly name: string; readonly neededBy: string; readonly edits: readonly SourceEdit[] }> = [
  { name: 'node-http', neededBy: 'Node only (the Node transport)', edits: [cut('src/client/transport.ts', "import('../transports/node-http.js')")] },
  { name: 'print', neededBy: 'apps sending a DocumentNode without source text', edits: [cut('src/core/document.ts', "import('./print.js')")] },
  { name: 'events', neededBy: 'apps with `debug`, a tracing or `kraken-sdk:error` subscriber', edits: [cut(`${STEPS}/observe.ts`, "import('../events.js')")] },
  { name: 'hooks-run', neededBy: 'apps with hooks', edits: [cut(`${STEPS}/request-hooks.ts`, "import('../hooks-run.js')"), cut(`${STEPS}/before-error.ts`, "import('../hooks-run.js')")] },
  { name: 'traffic', neededBy: 'apps calling paginate() or rateLimit()', edits: [cut('src/client/client.ts', "import('./pipeline/traffic.js')")] },
  { name: 'shared-pauses', neededBy: 'apps whose store shares pauses', edits: [cut('src/client/pauses.ts', "import('./shared-pauses.js')")] },
  { name: 'auth-sources', neededBy: 'apps with a token or getToken (a login comes with loginWith, imported by the app)', edits: [cut('src/session/token-source.ts', "import('./auth-sources.js')")] },
  { name: 'scope-hash', neededBy: 'apps with a session store', edits: [cut('src/session/identity.ts', "import('./scope-hash.js')")] },
  {
    name: 'failure path',
    neededBy: 'every app whose calls can fail (classify, retries, step errors)',
    edits: [cut(`${STEPS}/classify.ts`, "import('../classify.js')"), cut(`${STEPS}/retry.ts`, "import('../failure/retrying.js')"), ...['auth', 'pause', 'refresh'].map((step) => cut(`${STEPS}/${step}.ts`, STEP_ERRORS))],
  },
];

const [first] = await operationNames('st');
if (first === undefined) throw new Error('st has no operation');
const source = clientWith('st', [first]);
const gzipWith = async (edits: readonly SourceEdit[]): Promise<number> =>
  (await bundleSizes({ source }, { splitting: false, edits })).get('source')?.gzipBytes ?? NaN;

const whole = await gzipWith([]);
console.log(`st client + 1 operation, single file: ${whole} B gzip (issue 22's target: 8,000 B)\n`);
console.log('| part | needed by | alone, cut | cut with the parts above |');
console.log('|---|---|---|---|');
const cumulative: SourceEdit[] = [];
for (const part of PARTS) {
  cumulative.push(...part.edits);
  const alone = await gzipWith(part.edits);
  const together = await gzipWith(cumulative);
  console.log(`| ${part.name} | ${part.neededBy} | −${whole - alone} B | ${together} B |`);
}
