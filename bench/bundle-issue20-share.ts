// Issue 20's share of the up-front bundle (its allowance: 300 B gzip): the st client + 1 operation, code
// split, built twice in one run: from the source as it is, and from a copy with issue 20's up-front parts
// cut out (the pause check, the pause gate and its shared-store wiring, paginate, rateLimit and their loader).
// `npx tsx bench/bundle-issue20-share.ts`. Each cut must match the source exactly once, so a change to
// those parts stops this script (update the cut with it) instead of measuring something else. `--keep` leaves
// the cut copy of src/ in place (its path is printed) for a look at what differs.
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleSizes, ROOT } from './bundle.js';
import { clientWith, operationNames } from './bundle-cases.js';

/** [file, text, replacement]: the source without issue 20's up-front parts. */
export const WITHOUT_ISSUE_20: ReadonlyArray<readonly [string, string, string]> = [
  ['src/client/client.ts', "import { createPauseGate } from './pipeline/pause.js';\n", ''],
  ['src/client/client.ts', "const loadTraffic = onFirstNeed(() => import('./pipeline/traffic.js'));\n", ''],
  ['src/client/client.ts', "step === 'paused' ? 'rate-limit' : 'auth'", "'auth'"],
  [
    'src/client/client.ts',
    `  const { store } = options;
  // The identity's pause: in memory, and in the store when it shares pauses (read on each call, scoped like the session).
  const sharedPause = store?.pause && onFirstNeed(() => loadRecovery().then((recovery) => recovery.sharedPause(store, auth.url, options.auth)));
  // In Node the scoped pause is made with the client (no store I/O: a module and a hash), so a first call waits for no file read.
  if (sharedPause) preloadInNode(sharedPause);
  const pauseGate = createPauseGate(now, sharedPause);
`,
    '',
  ],
  ['src/client/client.ts', 'const sendAttempt = async (call: Call, getToken: TokenGetter | undefined, waitedUntil: number)', 'const sendAttempt = async (call: Call, getToken: TokenGetter | undefined)'],
  [
    'src/client/client.ts',
    `    const pending = pauseGate.until();
    if (typeof pending === 'number' && pending > waitedUntil) return { step: 'paused', until: pending };
`,
    '',
  ],
  [
    'src/client/client.ts',
    `      const until = typeof pending === 'object' ? await pending : undefined;
      if (until !== undefined && until > waitedUntil) return { step: 'paused', until };
`,
    '',
  ],
  [
    'src/client/client.ts',
    `  const attempt = (call: Call, getToken: TokenGetter | undefined, waitedUntil = 0): Promise<Attempt> =>
    observing() ? observed().then((watch) => watch.attempt(call, () => sendAttempt(call, getToken, waitedUntil))) : sendAttempt(call, getToken, waitedUntil);`,
    `  const attempt = (call: Call, getToken: TokenGetter | undefined): Promise<Attempt> =>
    observing() ? observed().then((watch) => watch.attempt(call, () => sendAttempt(call, getToken))) : sendAttempt(call, getToken);`,
  ],
  ['src/client/client.ts', '    pause: pauseGate,\n', ''],
  [
    'src/client/client.ts',
    `    rateLimit: (requestOptions?: KrakenRequestOptions) => loadTraffic().then((traffic) => traffic.rateLimit(client as unknown as KrakenClient, core, requestOptions)),
    paginate: (document: PaginatedDocument, variables?: object, paginateOptions?: object) => {
      // The walk's code loads on the first next(); each for-await is a walk of its own.
      async function* walk(pages: boolean): AsyncGenerator<unknown> {
        yield* (await loadTraffic()).paginate(client as unknown as KrakenClient, document, variables, paginateOptions, pages);
      }
      return { [Symbol.asyncIterator]: () => walk(false), pages: () => ({ [Symbol.asyncIterator]: () => walk(true) }) };
    },
`,
    '',
  ],
];

/** Applies `cuts` to the files under `root`; each text must occur exactly once. */
async function cut(root: string, cuts: typeof WITHOUT_ISSUE_20): Promise<void> {
  for (const [file, text, replacement] of cuts) {
    const path = join(root, file);
    const source = await readFile(path, 'utf8');
    const count = source.split(text).length - 1;
    if (count !== 1) throw new Error(`${file}: the cut ${JSON.stringify(text.slice(0, 60))}… matches ${count} times, not once: update WITHOUT_ISSUE_20 with the source.`);
    await writeFile(path, source.replace(text, () => replacement));
  }
}

const copy = await mkdtemp(join(tmpdir(), 'kraken-without-issue-20-'));
try {
  await cp(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  await cut(copy, WITHOUT_ISSUE_20);
  const [first] = await operationNames('st');
  if (first === undefined) throw new Error('st has no operation');
  const sizes = await bundleSizes({ with: clientWith('st', [first]), without: clientWith('st', [first], copy) });
  const withIt = sizes.get('with')?.gzipBytes ?? NaN;
  const without = sizes.get('without')?.gzipBytes ?? NaN;
  console.log(`st client + 1 operation, up front, gzip: ${withIt} B; without issue 20's up-front parts: ${without} B; issue 20's share: ${withIt - without} B (allowance 300 B).`);
  if (!(withIt - without <= 300)) process.exitCode = 1;
} finally {
  if (process.argv.includes('--keep')) console.log(`the copy without issue 20's up-front parts: ${copy}`);
  else await rm(copy, { recursive: true, force: true });
}
