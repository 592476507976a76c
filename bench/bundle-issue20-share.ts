// Issue 20's share of the up-front bundle (its allowance: 300 B gzip): the st client + 1 operation, code
// split, built twice in one run: from the source as it is, and with issue 20's up-front parts cut out (the
// pause check, the pause gate and its shared-store wiring, the 'paused' kind of the fallback error, paginate,
// rateLimit and their loader); both builds read the same tsconfig.
// `npx tsx bench/bundle-issue20-share.ts`; exits non-zero above 300 B. Each cut must match the source exactly
// once, so a change to those parts stops this script (update the cut with it) instead of measuring something else.
import { bundleSizes } from './bundle.js';
import type { SourceEdit } from './bundle.js';
import { clientWith, operationNames } from './bundle-cases.js';

const ALLOWANCE = 300;
const CLIENT = 'src/client/client.ts';

/** The source without issue 20's up-front parts. */
const WITHOUT_ISSUE_20: readonly SourceEdit[] = [
  [CLIENT, "const loadTraffic = onFirstNeed(() => import('./pipeline/traffic.js'));\n", ''],
  [CLIENT, "step === 'paused' ? 'rate-limit' : 'auth'", "'auth'"],
  [
    CLIENT,
    `  const { store } = options;
  // The identity's pause: in memory, and in the store when it shares pauses (read on each call, scoped like the session).
  const pauseGate: PauseGate = {
    until: 0,
    shared: store?.pause && onFirstNeed(() => loadRecovery().then((recovery) => recovery.sharedPause(store, auth.url, options.auth, pauseGate, now))),
  };
  // In Node the scoped pause is made with the client (no store I/O: a module and a hash), so a first call waits for no file read.
  if (pauseGate.shared) preloadInNode(pauseGate.shared);
`,
    '',
  ],
  [CLIENT, 'const sendAttempt = async (call: Call, getToken: TokenGetter | undefined, waitedUntil: number)', 'const sendAttempt = async (call: Call, getToken: TokenGetter | undefined)'],
  [
    CLIENT,
    `    // A pause held in memory stops the attempt at once, unless this call has waited it out.
    const held = pauseGate.until > now() ? pauseGate.until : 0;
    if (held > waitedUntil) return { step: 'paused', until: held };
    // Without one, a store that shares pauses is read (the token is asked for meanwhile).
    const pending = held ? undefined : pauseGate.shared?.().then((shared) => shared.get(), () => undefined);
`,
    '',
  ],
  [
    CLIENT,
    `      const until = pending && (await pending);
      if (until !== undefined && until > waitedUntil) return { step: 'paused', until };
`,
    '',
  ],
  [
    CLIENT,
    `  const attempt = (call: Call, getToken: TokenGetter | undefined, waitedUntil = 0): Promise<Attempt> =>
    observing() ? observed().then((watch) => watch.attempt(call, () => sendAttempt(call, getToken, waitedUntil))) : sendAttempt(call, getToken, waitedUntil);`,
    `  const attempt = (call: Call, getToken: TokenGetter | undefined): Promise<Attempt> =>
    observing() ? observed().then((watch) => watch.attempt(call, () => sendAttempt(call, getToken))) : sendAttempt(call, getToken);`,
  ],
  [CLIENT, '    pause: pauseGate,\n', ''],
  [
    CLIENT,
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

const [first] = await operationNames('st');
if (first === undefined) throw new Error('st has no operation');
const source = clientWith('st', [first]);
const withIt = (await bundleSizes({ source })).get('source')?.gzipBytes ?? NaN;
const without = (await bundleSizes({ source }, { edits: WITHOUT_ISSUE_20 })).get('source')?.gzipBytes ?? NaN;
const share = withIt - without;
console.log(`st client + 1 operation, up front, gzip: ${withIt} B; without issue 20's up-front parts: ${without} B; issue 20's share: ${share} B (allowance ${ALLOWANCE} B).`);
if (!(share <= ALLOWANCE)) process.exitCode = 1;
