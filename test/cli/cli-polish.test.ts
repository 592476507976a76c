import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockKrakenServer } from '../../mocks/node.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import { runPullCommand } from '../../src/cli/pull.js';
import { runCli } from '../../src/cli/run.js';

const packageVersion = (JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line), stopSignal: () => Promise.resolve('SIGTERM') } };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('kraken-sdk CLI', () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    const { out, io } = capture();
    expect(await runCli([flag], io)).toBe(0);
    expect(out).toEqual([`kraken-sdk ${packageVersion}`]);
  });

  it('suggests the closest command', async () => {
    const { err, io } = capture();
    expect(await runCli(['genrate'], io)).toBe(2);
    expect(err[0]).toBe('kraken-sdk: Unknown command "genrate". Did you mean "generate"?');
  });

  it.each([
    [['pull', '--brnd', 'st'], 'kraken-sdk pull: Unknown flag --brnd. Did you mean --brand?'],
    [['mock-server', '--brand', 'st', '--prot', '1'], 'kraken-sdk mock-server: Unknown flag --prot. Did you mean --port?'],
    [['drift', '--brand', 'st', '--chek'], 'kraken-sdk drift: Unknown flag --chek. Did you mean --check?'],
  ])('%j: a usage error prefixed by its command, with the closest flag', async (argv, message) => {
    const { err, io } = capture();
    expect(await runCli(argv, io)).toBe(2);
    expect(err[0]).toBe(message);
  });

  it('no suggestion for a flag nothing like a known one', async () => {
    const { err, io } = capture();
    expect(await runCli(['pull', '--zzzzzzzz'], io)).toBe(2);
    expect(err[0]).toBe('kraken-sdk pull: Unknown flag --zzzzzzzz.');
  });
});

describe('kraken-sdk pull: what went wrong, in the CLI’s words', () => {
  let server: MockKrakenServer;
  beforeAll(async () => {
    server = await startMockKrakenServer({ brand: 'st' });
  });
  afterAll(async () => server.close());

  it('plain http to a remote host names the CLI flag, not a client option; with the flag it goes ahead', async () => {
    const refused = capture();
    const asked: string[] = [];
    const fetch = (input: RequestInfo | URL) => {
      asked.push(String(input));
      return Promise.resolve(new Response('{"errors":[{"message":"nope"}]}', { status: 404, headers: { 'content-type': 'application/json' } }));
    };
    const argv = ['--brand', 'st', '--endpoint', 'http://kraken.example/v1/graphql/', '--out', 'never-written.graphql'];
    expect(await runCli(['pull', ...argv], refused.io)).toBe(2);
    expect(refused.err[0]).toMatch(/^kraken-sdk pull: .*plain http.*--allow-insecure-http/);
    expect(refused.err.join('\n')).not.toContain('allowInsecureHttp');
    const allowed = capture();
    expect(await runPullCommand([...argv, '--allow-insecure-http'], allowed.io, { env: {}, fetch })).toBe(1);
    expect(asked).toEqual(['http://kraken.example/v1/graphql/']);
  });

  it('a wrong path is "not found (HTTP 404)", not a refusal', async () => {
    const { err, io } = capture();
    expect(await runPullCommand(['--brand', 'st', '--endpoint', `${server.url}/graphql/v1/`, '--out', 'never-written.graphql'], io, { env: {} })).toBe(1);
    expect(err[0]).toBe(`kraken-sdk pull: ${server.url}/graphql/v1/ was not found (HTTP 404): check --endpoint (Kraken serves GraphQL at /v1/graphql/)`);
  });

  it('a closed port names the system code', async () => {
    const { err, io } = capture();
    const port = await closedPort();
    expect(await runPullCommand(['--brand', 'st', '--endpoint', `http://127.0.0.1:${port}/v1/graphql/`, '--out', 'never-written.graphql'], io, { env: {} })).toBe(1);
    expect(err[0]).toBe(`kraken-sdk pull: cannot reach http://127.0.0.1:${port} (ECONNREFUSED: connection refused)`);
  });
});

describe('KRAKEN_SDK_DEBUG for the CLI', () => {
  it('pull prints the client debug lines on stderr, without the password', async () => {
    const server = await startMockKrakenServer({ brand: 'st' });
    const printed: string[] = [];
    const original = console.error;
    console.error = (line: string) => printed.push(line);
    try {
      const { io } = capture();
      const env = { KRAKEN_SDK_DEBUG: '1', KRAKEN_EMAIL: 'user@example.com', KRAKEN_PASSWORD: 'debug-PASSWORD-91' };
      expect(await runPullCommand(['--brand', 'st', '--endpoint', server.apiUrl, '--out', `${await import('node:os').then((os) => os.tmpdir())}/kraken-debug-${process.pid}.graphql`], io, { env })).toBe(0);
    } finally {
      console.error = original;
      await server.close();
    }
    expect(printed.some((line) => /^kraken-sdk: login ObtainKrakenToken ← 200/.test(line))).toBe(true);
    expect(printed.some((line) => /^kraken-sdk: query IntrospectionQuery ← 200/.test(line))).toBe(true);
    expect(printed.join('\n')).not.toContain('debug-PASSWORD-91');
  });
});
