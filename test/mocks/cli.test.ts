import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function startCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  // The tsx CLI (what npx runs) relays signals to the CLI and exits with its status.
  const child = spawn('node_modules/.bin/tsx', ['src/cli/main.ts', ...args], { stdio: 'pipe', env });
  children.push(child);
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    waiters.splice(0).forEach((wake) => wake());
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  async function line(index: number): Promise<string> {
    while (lines.length <= index) {
      await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), exit.then(() => { throw new Error(`CLI exited early: ${stderr}`); })]);
    }
    return lines[index] as string;
  }
  return { child, lines, line, exit, stderr: () => stderr };
}

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line), stopSignal: () => Promise.resolve('SIGTERM') } };
}

describe('kraken-sdk mock-server (process)', () => {
  it('prints the API URL first, serves requests, logs them and exits 0 on SIGTERM', async () => {
    const cli = startCli(['mock-server', '--brand', 'st', '--port', '0']);
    const url = await cli.line(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/$/);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }',
        variables: { input: { email: 'user@example.com', password: 'correct-password' } },
      }),
    });
    const body = (await response.json()) as { data: { obtainKrakenToken: { token: string } } };
    expect(body.data.obtainKrakenToken.token.split('.')).toHaveLength(3);
    const logLine = await (async () => {
      for (let index = 1; ; index += 1) {
        const line = await cli.line(index);
        if (line.startsWith('POST')) return line;
      }
    })();
    expect(logLine).toMatch(/^POST \/v1\/graphql\/ ObtainKrakenToken 200 \d+ms$/);
    expect(cli.lines.join('\n')).not.toContain(body.data.obtainKrakenToken.token);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('with KRAKEN_SDK_DEBUG=1, tells each request and its answer on one stderr line: operation, status, Kraken code, never a secret', async () => {
    const cli = startCli(['mock-server', '--brand', 'st', '--port', '0'], { ...process.env, KRAKEN_SDK_DEBUG: '1' });
    const url = await cli.line(0);
    const password = 'debug-secret-password';
    const login = (scenario?: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'JWT header-secret-token', ...(scenario ? { 'x-kraken-mock-scenario': scenario } : {}) },
        body: JSON.stringify({
          query: 'mutation ObtainKrakenToken($input: ObtainJSONWebTokenInput!) { obtainKrakenToken(input: $input) { token } }',
          variables: { input: { email: 'debug-user@example.com', password } },
        }),
      }).then((response) => response.json() as Promise<{ data?: { obtainKrakenToken: { token: string } | null } }>);
    const ok = await login();
    await login('error=KT-CT-1138');
    const token = ok.data?.obtainKrakenToken?.token ?? '';
    expect(token).not.toBe('');
    for (let waited = 0; waited < 5_000 && !/KT-CT-1138/.test(cli.stderr()); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const debugLines = cli.stderr().split('\n').filter((line) => line.startsWith('kraken-sdk mock:'));
    expect(debugLines).toEqual([
      expect.stringMatching(/^kraken-sdk mock: POST \/v1\/graphql\/ ObtainKrakenToken → 200 ok \d+ms$/),
      expect.stringMatching(/^kraken-sdk mock: POST \/v1\/graphql\/ ObtainKrakenToken → 200 KT-CT-1138 \d+ms$/),
    ]);
    for (const secret of [password, 'debug-user@example.com', 'header-secret-token', token]) expect(cli.stderr()).not.toContain(secret);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('without KRAKEN_SDK_DEBUG writes nothing on stderr per request', async () => {
    const env = { ...process.env };
    delete env.KRAKEN_SDK_DEBUG;
    const cli = startCli(['mock-server', '--brand', 'st', '--port', '0'], env);
    const url = await cli.line(0);
    await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    for (let waited = 0; waited < 5_000 && !cli.lines.some((line) => line.startsWith('POST')); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cli.stderr()).not.toContain('kraken-sdk mock:');
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('exits 2 naming the bad flag', async () => {
    const cli = startCli(['mock-server', '--brand', 'st', '--port', 'abc']);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain('--port');
  });
});

describe('runCli', () => {
  it.each([
    [['mock-server', '--brand', 'xx'], '--brand'],
    [['mock-server'], '--brand'],
    [['mock-server', '--brand', 'st', '--bogus', '1'], '--bogus'],
    [['mock-server', '--brand'], '--brand'],
    [['mock-server', '--brand', 'st', '--port', '70000'], '--port'],
    [['frobnicate'], 'frobnicate'],
  ])('%j is a usage error naming %s (exit 2)', async (argv, named) => {
    const { io, err } = captureIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(err[0]).toContain(named);
  });

  it('generate without a page is a usage error; mock-server --help prints usage', async () => {
    const generate = captureIo();
    expect(await runCli(['generate'], generate.io)).toBe(2);
    expect(generate.err.join('\n')).toContain('page path');
    const help = captureIo();
    expect(await runCli(['mock-server', '--help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toContain('--brand');
  });

  it('names --port when the port is taken (exit 1)', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as { port: number }).port;
      const { io, err } = captureIo();
      expect(await runCli(['mock-server', '--brand', 'st', '--port', String(port)], io)).toBe(1);
      expect(err[0]).toContain(`--port ${port}`);
    } finally {
      blocker.close();
    }
  });

  it('serves oejp with its authentication server and stops on the stop signal', async () => {
    const { io, out } = captureIo();
    expect(await runCli(['mock-server', '--brand', 'oejp', '--port', '0', '--seed', 'x'], io)).toBe(0);
    expect(out[0]).toMatch(/\/v1\/graphql\/$/);
    expect(out[1]).toMatch(/^auth server: http:\/\/127\.0\.0\.1:\d+\/graphql\/$/);
    expect(out.at(-1)).toBe('stopped (SIGTERM)');
  });
});

describe('npx tsx entry', () => {
  it('runs via npx tsx as documented and stops cleanly on SIGTERM', async () => {
    // npm exec does not forward signals to its child, so signal the whole process group, as a terminal's Ctrl+C does.
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', 'mock-server', '--brand', 'st', '--port', '0'], { stdio: 'pipe', detached: true });
    const lines: string[] = [];
    // 'close' waits for every holder of the stdout pipe, i.e. the CLI process itself, not only npm.
    const exit = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          lines.push(line);
          if (lines.length === 1) resolve(line);
        });
        child.once('exit', () => reject(new Error('exited before printing')));
      });
      expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1\/graphql\/$/);
      const introspection = await fetch(firstLine, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await introspection.json()).toEqual({ data: { __typename: 'Query' } });
      process.kill(-(child.pid as number), 'SIGTERM');
      await exit;
      expect(lines.at(-1)).toBe('stopped (SIGTERM)');
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-(child.pid as number), 'SIGKILL');
    }
  });
});
