/**
 * The README is tested (issue 29): every fenced TypeScript/JavaScript block is extracted, type-checked as a `.ts`
 * file under strict with exactOptionalPropertyTypes, and run against the mock; a block marked
 * `<!-- readme-test: compile-only: why -->` is only type-checked, one marked `fragment: why` neither, and both are
 * named here with their reason. A `console.log(...); // → text` line must print that text.
 * What the examples need is set up as a reader would have it: the `graphql` blocks naming a path are written there,
 * the schema is pulled from the mock server and `generate --schema` writes `src/kraken` from it; msw answers the
 * brands' real endpoints with `kraken-sdk/mocks`; REDIS_URL points at a redis-server started on 127.0.0.1;
 * KRAKEN_EMAIL, KRAKEN_PASSWORD and KRAKEN_API_KEY hold made-up credentials (the mocks take any), and a block that
 * starts the local mock when KRAKEN_API_KEY is unset runs again without it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, promisify } from 'node:util';
import ts from 'typescript';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { krakenHandlers } from 'kraken-sdk/mocks';
import type { MockKrakenServer } from 'kraken-sdk/mocks/node';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import type { RedisServer } from '../fleet/redis-server.js';
import { redisServerAvailable, startRedisServer } from '../fleet/redis-server.js';
import type { ReadmeBlock } from './blocks.js';
import { blockName, CODE_LANGS, readmeBlocks } from './blocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, '.tmp/readme');
const blocks = readmeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
const codeBlocks = blocks.filter((block) => CODE_LANGS.has(block.lang));
const compiled = codeBlocks.filter((block) => block.mode !== 'fragment');
const fileOf = (block: ReadmeBlock): string => join(work, 'src', `readme-${block.line}.ts`);
const needsRedis = (block: ReadmeBlock): boolean => /REDIS_URL/.test(block.code);
const SETUP_TIMEOUT_MS = 240_000;

/** The CLI as `npx kraken-sdk` runs it, from the sources. */
async function cli(...args: string[]): Promise<void> {
  await promisify(execFile)(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/cli/main.ts'), ...args], { cwd: work });
}

let mockServer: MockKrakenServer | undefined;
let diagnostics = new Map<string, readonly ts.Diagnostic[]>();

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'src'), { recursive: true });
  for (const block of blocks.filter((candidate) => candidate.path !== undefined)) {
    const target = join(work, block.path as string);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${block.code}\n`);
  }
  // `export {}`: a block without imports is still a module of its own (top-level await, no shared globals).
  for (const block of compiled) writeFileSync(fileOf(block), `${block.code}\nexport {};\n`);
  if (compiled.some((block) => block.code.includes("'./kraken/index.js'"))) {
    mockServer = await startMockKrakenServer({ brand: 'st' });
    await cli('pull', '--brand', 'st', '--endpoint', mockServer.apiUrl, '--out', 'kraken.graphql');
    await cli('generate', '--brand', 'st', '--schema', 'kraken.graphql', '--operations', 'src/graphql', '--out', 'src/kraken');
  }
  // One program for every block, as a consumer's tsconfig with exactOptionalPropertyTypes would check them.
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram(
    compiled.map(fileOf),
    { ...config.options, strict: true, exactOptionalPropertyTypes: true, noEmit: true },
  );
  diagnostics = new Map(compiled.map((block) => {
    const source = program.getSourceFile(fileOf(block));
    return [fileOf(block), source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : []];
  }));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await mockServer?.close();
});

/** A diagnostic as `README.md:<line>: TS2345 ...`, at the README's line. */
function describeDiagnostic(block: ReadmeBlock, diagnostic: ts.Diagnostic): string {
  const { line } = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start) : { line: 0 };
  return `README.md:${block.line + line}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
}

describe('README code blocks', () => {
  it('has TypeScript/JavaScript blocks, every marker with a reason', () => {
    expect(codeBlocks.length).toBeGreaterThan(5);
    for (const block of codeBlocks) if (block.mode !== 'run') expect(block.reason?.length, blockName(block)).toBeGreaterThan(3);
  });

  for (const block of codeBlocks.filter((candidate) => candidate.mode === 'fragment')) {
    it(`fragment, not compiled (${block.reason}): ${blockName(block)}`, () => {
      expect(block.reason).toBeTruthy();
    });
  }

  describe('type-check (strict, exactOptionalPropertyTypes)', () => {
    for (const block of compiled) {
      it(`compiles: ${blockName(block)}`, () => {
        expect((diagnostics.get(fileOf(block)) ?? []).map((diagnostic) => describeDiagnostic(block, diagnostic))).toEqual([]);
      });
    }
  });

  describe('run against the mock', () => {
    const server = setupServer(...krakenHandlers({ brand: 'st' }), ...krakenHandlers({ brand: 'oejp' }));
    const saved = { ...process.env };
    let redis: RedisServer | undefined;
    beforeAll(async () => {
      // The mock server a block starts on 127.0.0.1, and Redis, are reached for real.
      server.listen({ onUnhandledFrame: 'bypass' });
      process.env.KRAKEN_EMAIL = 'reader@example.com';
      process.env.KRAKEN_PASSWORD = 'a-readme-password';
      process.env.KRAKEN_SESSION_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';
      process.env.KRAKEN_API_KEY = 'a-readme-api-key';
      if (redisServerAvailable()) {
        redis = await startRedisServer();
        process.env.REDIS_URL = redis.url;
      }
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      server.close();
      await redis?.stop();
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    });

    // A block that starts the mock itself when KRAKEN_API_KEY is unset (the first call) runs both ways.
    const runs = compiled
      .filter((candidate) => candidate.mode === 'run')
      .flatMap((block) => [
        { block, withoutKey: false },
        ...(block.code.includes('startMockKrakenServer') && block.code.includes('KRAKEN_API_KEY') ? [{ block, withoutKey: true }] : []),
      ]);
    for (const { block, withoutKey } of runs) {
      const skip = needsRedis(block) && !redisServerAvailable();
      it.skipIf(skip)(`runs${withoutKey ? ' without KRAKEN_API_KEY' : ''}: ${blockName(block)}${skip ? ' (needs redis-server)' : ''}`, async () => {
        const printed: string[] = [];
        const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(format(...args)));
        const key = process.env.KRAKEN_API_KEY;
        if (withoutKey) delete process.env.KRAKEN_API_KEY;
        try {
          // Each run its own copy of the module (a module runs once per URL).
          const file = withoutKey ? fileOf(block).replace(/\.ts$/, '-without-key.ts') : fileOf(block);
          if (withoutKey) writeFileSync(file, readFileSync(fileOf(block), 'utf8'));
          await import(pathToFileURL(file).href);
        } finally {
          log.mockRestore();
          process.env.KRAKEN_API_KEY = key;
        }
        // `console.log(x); // → text`: the block says what it prints.
        const promised = [...block.code.matchAll(/console\.log\(.*\);?\s*\/\/ → (.+)$/gm)].map((match) => match[1]?.trim());
        for (const text of promised) expect(printed, `${blockName(block)} promises to print ${text}`).toContain(text);
      });
    }
  });
});
