import { UsageError } from './args.js';
import type { CliIo } from './mock-server.js';
import { ListenError, MOCK_SERVER_USAGE, runMockServer } from './mock-server.js';
import { GENERATE_USAGE, runGenerateCommand } from './generate.js';
import { DRIFT_USAGE, runDriftCommand } from './drift.js';
import { PULL_USAGE, runPullCommand } from './pull.js';
import { terminalSafeIo } from './terminal-text.js';
import { closestName } from '../client/closest-name.js';
import { SDK_VERSION } from '../version.js';

const COMMANDS = ['mock-server', 'generate', 'pull', 'drift', 'help'] as const;

export const USAGE = `Usage: kraken-sdk <command> [flags]   (kraken-sdk --version prints the version; -h or --help this)

Commands:
  mock-server   Serve a local mock of a brand's Kraken API (see: kraken-sdk mock-server --help)
  generate      Turn a Kraken mutations reference page into a catalog, operations and a schema, or (with --schema)
                a pulled schema into a typed module for your project (see: kraken-sdk generate --help)
  pull          Introspect a brand's endpoint and write its schema as sorted SDL (see: kraken-sdk pull --help)
  drift         Compare a pulled schema with another pull of it, or with a brand's documented mutations
                (see: kraken-sdk drift --help)`;

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
      case '-h':
      case 'help':
        io.stdout(USAGE);
        return command === undefined ? 2 : 0;
      case '--version':
      case '-v':
        io.stdout(`kraken-sdk ${SDK_VERSION}`);
        return 0;
      default: {
        const suggestion = closestName(command, COMMANDS);
        throw new UsageError(`Unknown command "${command}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
      }
    }
  } catch (error) {
    const usages: Record<string, string> = { 'mock-server': MOCK_SERVER_USAGE, generate: GENERATE_USAGE, pull: PULL_USAGE, drift: DRIFT_USAGE };
    const known = command !== undefined && Object.hasOwn(usages, command);
    // Messages say which command they come from, as the commands' own lines do.
    const prefix = known ? `kraken-sdk ${command}` : 'kraken-sdk';
    if (error instanceof UsageError) {
      io.stderr(`${prefix}: ${error.message}`);
      io.stderr(known ? (usages[command] ?? USAGE) : USAGE);
      return 2;
    }
    if (error instanceof ListenError) {
      io.stderr(`${prefix}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
