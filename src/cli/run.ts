import { UsageError } from './args.js';
import type { CliIo } from './mock-server.js';
import { ListenError, MOCK_SERVER_USAGE, runMockServer } from './mock-server.js';
import { GENERATE_USAGE, runGenerateCommand } from './generate.js';

export const USAGE = `Usage: kraken-sdk <command> [flags]

Commands:
  mock-server   Serve a local mock of a brand's Kraken API (see: kraken-sdk mock-server --help)
  generate      Turn a Kraken mutations reference page into a catalog, operations and a schema (see: kraken-sdk generate --help)`;

/** Dispatches a subcommand; returns the process exit status (2 for usage errors). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'mock-server':
        return await runMockServer(rest, io);
      case 'generate':
        return await runGenerateCommand(rest);
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
      io.stderr(command === 'mock-server' ? MOCK_SERVER_USAGE : command === 'generate' ? GENERATE_USAGE : USAGE);
      return 2;
    }
    if (error instanceof ListenError) {
      io.stderr(`kraken-sdk: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
