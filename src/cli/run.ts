import { UsageError } from './args.js';
import type { CliIo } from './mock-server.js';
import { ListenError, MOCK_SERVER_USAGE, runMockServer } from './mock-server.js';
import { GENERATE_USAGE, runGenerateCommand } from './generate.js';
import { DRIFT_USAGE, runDriftCommand } from './drift.js';
import { PULL_USAGE, runPullCommand } from './pull.js';
import { terminalSafeIo } from './terminal-text.js';

export const USAGE = `Usage: kraken-sdk <command> [flags]

Commands:
  mock-server   Serve a local mock of a brand's Kraken API (see: kraken-sdk mock-server --help)
  generate      Turn a Kraken mutations reference page into a catalog, operations and a schema, or (with --schema)
                a pulled schema into a typed module for your project (see: kraken-sdk generate --help)
  pull          Introspect a brand's endpoint and write its schema as sorted SDL (see: kraken-sdk pull --help)
  drift         Compare a pulled schema with the brand's documented mutations (see: kraken-sdk drift --help)`;

/** Dispatches a subcommand; returns the process exit status (2 for usage errors). */
export async function runCli(argv: readonly string[], rawIo: CliIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'mock-server':
        return await runMockServer(rest, io);
      case 'generate':
        return await runGenerateCommand(rest, io);
      case 'pull':
        return await runPullCommand(rest, io);
      case 'drift':
        return await runDriftCommand(rest, io);
      case undefined:
      case '--help':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kraken-sdk: ${error.message}`);
      const usages: Record<string, string> = { 'mock-server': MOCK_SERVER_USAGE, generate: GENERATE_USAGE, pull: PULL_USAGE, drift: DRIFT_USAGE };
      io.stderr(usages[command ?? ''] ?? USAGE);
      return 2;
    }
    if (error instanceof ListenError) {
      io.stderr(`kraken-sdk: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
