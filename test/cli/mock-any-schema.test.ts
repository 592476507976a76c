// Issue 27.7: the mock server for a pulled schema of any brand answers the logins that schema can express
// (an API key when its ObtainJSONWebTokenInput has no email) and says so; the "possible errors" of one-line
// lists (as real descriptions give them) are read whole, by the generator's one reader.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockKrakenServer, type MockKrakenServer } from '../../mocks/node.js';
import { runMockServer } from '../../src/cli/mock-server.js';
import { thirdBrandSchema } from '../fulltypes/third-brand-schema.js';

const { sdl } = thirdBrandSchema();

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<{ data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { errorCode?: string } }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return (await response.json()) as never;
}

describe('mock-server --schema <a pulled schema of another brand>', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mock-any-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.each([[['--brand', 'st']], [[]], [['--brand', 'nwater']]])('%j: prints the API key login this schema takes (no email login), and that login works', async (brand) => {
    const file = join(dir, 'nwater.graphql');
    await writeFile(file, sdl);
    const lines: string[] = [];
    let stop: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const running = runMockServer([...brand, '--schema', file], { stdout: (line) => lines.push(line), stderr: () => {}, stopSignal: () => stopped }, {});
    while (!lines.some((line) => line.includes('ready'))) await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      const apiUrl = lines[0] ?? '';
      const login = lines.find((line) => line.startsWith('log in:')) ?? '';
      expect(login).toContain('any API key (e.g. sk_test_mock_api_key)');
      expect(login).toContain('no email login');
      const curl = lines.find((line) => line.trim().startsWith('curl')) ?? '';
      expect(curl).toContain('APIKey');
      expect(curl).not.toContain('email');
      // The printed login, sent as printed: a token.
      const query = JSON.parse(/-d '(.*)'$/.exec(curl)?.[1] ?? '{}') as { query: string };
      const answer = await post(apiUrl, query.query);
      expect(typeof (answer.data?.obtainKrakenToken as { token?: unknown } | undefined)?.token).toBe('string');
      // What it printed before: an email login, which this schema refuses.
      const email = await post(apiUrl, 'mutation { obtainKrakenToken(input: {email: "user@example.com", password: "p"}) { token } }');
      expect(email.errors?.[0]?.message).toMatch(/email/);
      expect(lines.find((line) => line.includes(' ready;'))).toMatch(new RegExp(`^mock Kraken "${brand[1] ?? 'kraken'}" ready`));
    } finally {
      stop('SIGTERM');
      await running;
    }
  });
});

describe('the mock reads one-line "possible errors" lists whole', () => {
  let server: MockKrakenServer;
  beforeAll(async () => {
    // A brand with no page: the schema alone (its descriptions) says what each field raises.
    server = await startMockKrakenServer({ brand: { catalog: { brand: 'nwater', endpoints: { api: '' }, operations: [] }, schemaSdl: sdl } });
  });
  afterAll(async () => server.close());

  it('a code later in a one-line list gets its own message, not the first code with the rest glued on', async () => {
    const answer = await post(server.apiUrl, 'mutation { inspectWidget(input: {label: "x"}) { ok } }', { 'x-kraken-mock-scenario': 'error=KT-NW-4001' });
    expect(answer.errors?.[0]?.extensions?.errorCode).toBe('KT-NW-4001');
    expect(answer.errors?.[0]?.message).toBe('The widget cannot be inspected.');
  });

  it('without --brand or --schema, mock-server names both', async () => {
    const { runCli } = await import('../../src/cli/run.js');
    const err: string[] = [];
    expect(await runCli(['mock-server'], { stdout: () => {}, stderr: (line) => err.push(line), stopSignal: () => Promise.resolve('SIGTERM') })).toBe(2);
    expect(err[0]).toBe('kraken-sdk mock-server: Flag --brand is required (or --schema, to serve a pulled schema of any brand).');
  });

  it("a field whose one-line list names KT-CT-1112 (not first) needs a token, as the description says", async () => {
    const answer = await post(server.apiUrl, 'mutation { registerWidget(input: {label: "x"}) { ok } }');
    expect(answer.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1112');
  });
});
