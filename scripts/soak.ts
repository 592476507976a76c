// `npm run soak [-- --calls N]`: 20,000 calls with faults mixed in (scripts/soak/run-soak.ts), in a child
// process with --expose-gc, then checks that the child exits by itself (no handle left open).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSoak } from './soak/run-soak.js';

const EXIT_GRACE_MS = 10_000;
const callsFlag = process.argv.indexOf('--calls');
const calls = callsFlag === -1 ? 20_000 : Number(process.argv[callsFlag + 1]);
if (!Number.isInteger(calls) || calls < 100) {
  console.error('soak: --calls must be an integer of at least 100.');
  process.exit(2);
}

if (process.argv.includes('--child')) {
  const report = await runSoak({ calls });
  console.log(JSON.stringify(report));
  // No process.exit: the parent checks that the process ends on its own.
} else {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', '--calls', String(calls)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  let reportedAt: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    reportedAt ??= Date.now();
  });
  const exited = await new Promise<boolean>((resolve) => {
    const watchdog = setInterval(() => {
      if (reportedAt !== undefined && Date.now() - reportedAt > EXIT_GRACE_MS) {
        clearInterval(watchdog);
        child.kill();
        resolve(false);
      }
    }, 250);
    child.on('exit', () => {
      clearInterval(watchdog);
      resolve(true);
    });
  });
  const report = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Awaited<ReturnType<typeof runSoak>>;
  console.log(`calls ${report.calls}, settled ${report.settled}, succeeded ${report.succeeded}, failed by kind ${JSON.stringify(report.failedByKind)}`);
  console.log(`faults injected ${report.faultsInjected}, non-KrakenError rejections ${report.foreign}, heap per call ${report.heapBytesPerCall?.toFixed(1)} B, exited by itself: ${exited ? 'yes' : 'no'}`);
  const ok = exited && report.settled === report.calls && report.foreign === 0;
  process.exit(ok ? 0 : 1);
}
