// Issue 13's fleet figure: N real processes at token expiry, with the shared Redis store and without it
// (each process on its own session). Token calls are counted by the mock Kraken; wall time per burst.
// On each transport (issue 22): node:http, the client's default in Node, and fetch.
import { performance } from 'node:perf_hooks';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { startFleet } from '../../test/fleet/fleet.js';
import { redisServerAvailable, startRedisServer } from '../../test/fleet/redis-server.js';
import type { ResultRow } from '../table.js';

const FLEET_SIZE = 8;
const CALLS = 100;
const HOUR = 3600_000;
const API_KEY = 'sk_bench_fleet_key';

interface ExpiryFigure {
  readonly tokenCalls: number;
  readonly wallMs: number;
}

type FleetTransport = 'node-http' | 'fetch';
const TRANSPORT_NAMES: Record<FleetTransport, string> = { 'node-http': 'node:http (the default in Node)', fetch: 'fetch' };

async function atExpiry(shared: boolean, transport: FleetTransport): Promise<ExpiryFigure> {
  let clockOffsetMs = 0;
  const redis = shared ? await startRedisServer() : undefined;
  const kraken = await startMockKrakenServer({ brand: 'st', now: () => Date.now() + clockOffsetMs, credentials: { apiKeys: [API_KEY] } });
  const fleet = await startFleet({ size: FLEET_SIZE, apiUrl: kraken.apiUrl, apiKey: API_KEY, redisUrl: redis?.url, transport });
  try {
    await fleet.burst(CALLS); // every process logged in (once in the fleet with Redis)
    clockOffsetMs += HOUR;
    await fleet.setClock(clockOffsetMs);
    const before = kraken.state.obtainKrakenTokenCalls;
    const started = performance.now();
    await fleet.burst(CALLS);
    return { tokenCalls: kraken.state.obtainKrakenTokenCalls - before, wallMs: performance.now() - started };
  } finally {
    await fleet.stop();
    await kraken.close();
    await redis?.stop();
  }
}

const ROUNDS = 3;
const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? NaN;

export async function fleetAtExpiry(): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const transport of ['node-http', 'fetch'] as const) rows.push(...(await fleetOn(transport)));
  return rows;
}

async function fleetOn(transport: FleetTransport): Promise<ResultRow[]> {
  const measure = `fleet of ${FLEET_SIZE} processes × ${CALLS} calls at token expiry, on ${TRANSPORT_NAMES[transport]} (median of ${ROUNDS} interleaved rounds)`;
  if (!redisServerAvailable()) {
    return [{ measure, subject: 'skipped: redis-server not installed', subjectResult: '', baseline: '', baselineResult: '', ratio: '' }];
  }
  const shared: ExpiryFigure[] = [];
  const alone: ExpiryFigure[] = [];
  // Alternating which goes first, so that warming up the mock in this process favours neither.
  for (let round = 0; round < ROUNDS; round += 1) {
    if (round % 2 === 0) {
      shared.push(await atExpiry(true, transport));
      alone.push(await atExpiry(false, transport));
    } else {
      alone.push(await atExpiry(false, transport));
      shared.push(await atExpiry(true, transport));
    }
  }
  const sharedCalls = median(shared.map((figure) => figure.tokenCalls));
  const aloneCalls = median(alone.map((figure) => figure.tokenCalls));
  return [
    {
      measure: `${measure}: token calls`,
      subject: 'shared Redis store',
      subjectResult: String(sharedCalls),
      baseline: 'per-process sessions',
      baselineResult: String(aloneCalls),
      ratio: `${(sharedCalls / aloneCalls).toFixed(3)}× token calls`,
    },
    {
      measure: `${measure}: wall time of the burst`,
      subject: 'shared Redis store',
      subjectResult: `${median(shared.map((figure) => figure.wallMs)).toFixed(0)} ms`,
      baseline: 'per-process sessions',
      baselineResult: `${median(alone.map((figure) => figure.wallMs)).toFixed(0)} ms`,
      ratio: `${median(shared.map((figure, round) => figure.wallMs / (alone[round]?.wallMs ?? NaN))).toFixed(2)}× time`,
    },
  ];
}
