// The refresh storm: 1,000 concurrent calls arrive when the client can see that its token is about
// to expire. Exactly one token call should happen, and the storm should take about as long as the
// same 1,000 calls with a fresh token. Rounds interleave both; ratios are taken per round. In process
// nothing waits on I/O, so the storm's CPU time is the figure that the machine's other load does not
// inflate; its wall time is shown too (it includes the wait for the one refresh, which no call can skip).
// Also over loopback HTTP on the Node transport (issue 22), the client's default in Node: the storm's
// 1,000 requests and its refresh go to a server in a child process whose clock moves with the client's.
import * as st from '../../src/brands/st.js';
import type { FetchFunction, KrakenTransport } from '../../src/index.js';
import { nodeHttpTransport } from '../../src/transports/node-http.js';
import { acceptGoodsQuoteResponse, acceptGoodsQuoteVariables, ENDPOINT } from '../fixtures.js';
import { median } from '../harness.js';
import { startLoopbackServer } from '../loopback-server.js';
import type { LoopbackServer } from '../loopback-server.js';
import { formatNs } from '../table.js';
import type { ResultRow } from '../table.js';
import { loginWith } from '../../src/index.js';

const CALLS = 1_000;
// A round takes 20-50 ms, and a minor GC landing in one side's timed part (the 1,000 calls in flight
// survive it) moves that round's ratio by up to ±0.15: more rounds for a median that GC placement does
// not decide (with 15, quiet runs ranged 0.96-1.15x).
const ROUNDS = 45;
// Over loopback a round takes 10× longer and its wall time swings with the machine's load, not with GC.
const LOOPBACK_ROUNDS = 15;
const TOKEN_LIFETIME_S = 3_600;

const base64Url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const JSON_HEADERS = { 'content-type': 'application/json' };

/** A fake Kraken whose tokens are issued at the injected clock's time and live one hour. */
function krakenAt(clock: () => number): FetchFunction & { tokenCalls: number } {
  const answer = JSON.stringify(acceptGoodsQuoteResponse);
  const fetchFunction = (_input: URL | RequestInfo, init?: RequestInit): Promise<Response> => {
    if (typeof init?.body === 'string' && init.body.includes('obtainKrakenToken(')) {
      fetchFunction.tokenCalls += 1;
      const iat = Math.floor(clock() / 1000);
      const token = `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url({ sub: 'bench', iat, exp: iat + TOKEN_LIFETIME_S })}.c2ln`;
      const body = { data: { obtainKrakenToken: { token, payload: {}, refreshToken: 'bench-refresh', refreshExpiresIn: iat + 7 * 86_400 } } };
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: JSON_HEADERS }));
    }
    return Promise.resolve(new Response(answer, { status: 200, headers: JSON_HEADERS }));
  };
  fetchFunction.tokenCalls = 0;
  return fetchFunction;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Round {
  readonly ms: number;
  readonly cpuMs: number;
  readonly tokenCalls: number;
}

type RunRound = (advanceMs: number) => Promise<Round>;

/** One round: a logged-in client, the clock moved to `advanceMs` later, then 1,000 concurrent calls. */
async function storm(client: ReturnType<typeof st.createKrakenClient>, moveClock: () => Promise<void>, tokenCalls: () => number): Promise<Round> {
  await client.request(st.AcceptGoodsQuoteDocument, acceptGoodsQuoteVariables);
  const loginCalls = tokenCalls();
  await moveClock();
  const started = performance.now();
  const startedCpu = cpuMs();
  await Promise.all(Array.from({ length: CALLS }, () => client.request(st.AcceptGoodsQuoteDocument, acceptGoodsQuoteVariables)));
  return { ms: performance.now() - started, cpuMs: cpuMs() - startedCpu, tokenCalls: tokenCalls() - loginCalls };
}

const AUTH = { email: 'bench@example.com', password: 'bench-password' };

/** In process: a fake fetch whose tokens are issued at the client's clock. */
const inProcessRound: RunRound = (advanceMs) => {
  let clockMs = Date.now();
  const fetchFunction = krakenAt(() => clockMs);
  const client = st.createKrakenClient({ endpoint: ENDPOINT, fetch: fetchFunction, now: () => clockMs, auth: loginWith(AUTH) });
  return storm(client, async () => void (clockMs += advanceMs), () => fetchFunction.tokenCalls);
};

/** Over loopback on `transport`: the server's clock is moved with the client's; token calls are counted as they leave. */
const loopbackRound =
  (server: LoopbackServer, transport: KrakenTransport): RunRound =>
  async (advanceMs) => {
    let offsetMs = 0;
    let tokenCalls = 0;
    await server.setClock(0);
    const counting: KrakenTransport = (request) => {
      if (request.operation.operationName === 'ObtainKrakenToken') tokenCalls += 1;
      return transport(request);
    };
    const client = st.createKrakenClient({ endpoint: server.url, transport: counting, now: () => Date.now() + offsetMs, auth: loginWith(AUTH) });
    return storm(
      client,
      async () => {
        offsetMs = advanceMs;
        await server.setClock(advanceMs);
      },
      () => tokenCalls,
    );
  };

export async function refreshStorm(): Promise<ResultRow[]> {
  const rows = [await stormRows(inProcessRound, ROUNDS, 'in-process fetch')];
  const server = await startLoopbackServer(acceptGoodsQuoteResponse);
  try {
    rows.push(await stormRows(loopbackRound(server, nodeHttpTransport()), LOOPBACK_ROUNDS, 'loopback HTTP on node:http (the default in Node; server in a child process)'));
  } finally {
    await server.close();
  }
  return rows;
}

async function stormRows(round: RunRound, rounds: number, transport: string): Promise<ResultRow> {
  // Within the 60 s refresh skew: the client sees the expiry coming and refreshes before sending.
  const nearExpiry = (TOKEN_LIFETIME_S - 30) * 1000;
  await round(nearExpiry); // warm-up
  await round(0);
  const storms: Round[] = [];
  const fresh: Round[] = [];
  for (let index = 0; index < rounds; index += 1) {
    storms.push(await round(nearExpiry));
    fresh.push(await round(0));
  }
  const tokenCalls = [...new Set(storms.map((storm) => storm.tokenCalls))].join(', ');
  const ratioOf = (measure: (entry: Round) => number): string =>
    median(storms.map((storm, index) => measure(storm) / measure(fresh[index] as Round))).toFixed(2);
  const medianOf = (entries: readonly Round[], measure: (entry: Round) => number): string => formatNs(median(entries.map((entry) => measure(entry) * 1e6)));
  return {
    measure: `Refresh storm: ${CALLS.toLocaleString('en-US')} concurrent calls, token near expiry, ${transport} (median of ${rounds} rounds)`,
    subject: 'kraken-sdk, token within the refresh skew',
    subjectResult: `${medianOf(storms, (entry) => entry.cpuMs)} CPU, ${medianOf(storms, (entry) => entry.ms)} wall; token calls per storm: ${tokenCalls}`,
    baseline: 'kraken-sdk, fresh token',
    baselineResult: `${medianOf(fresh, (entry) => entry.cpuMs)} CPU, ${medianOf(fresh, (entry) => entry.ms)} wall; token calls: ${[...new Set(fresh.map((entry) => entry.tokenCalls))].join(', ')}`,
    ratio: `${ratioOf((entry) => entry.cpuMs)}× CPU time (${ratioOf((entry) => entry.ms)}× wall time)`,
  };
}
