// The short soak in `npm test` (issue 9): every call settles as data or a KrakenError under mixed faults.
import { expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak/run-soak.js';

it('600 calls with faults mixed in all settle, as data or KrakenErrors only', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const report = await runSoak({ calls: 600 });
    expect(report.settled).toBe(600);
    expect(report.foreign).toBe(0);
    expect(report.faultsInjected).toBeGreaterThan(0);
    expect(report.succeeded).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});
