#!/usr/bin/env node
/** The `kraken-sdk` command. Kept tiny: all logic is in run.ts so tests can drive it without a process. */
import { runCli } from './run.js';
import { terminalSafe } from './terminal-text.js';

function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => resolve(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

runCli(process.argv.slice(2), {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  stopSignal,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`kraken-sdk: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    process.exitCode = 1;
  },
);
