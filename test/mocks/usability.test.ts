// Issue 10 item 11: the mock server is usable without JavaScript (curl, a browser, another language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockKrakenServer } from '../../mocks/node.js';
import { startMockKrakenServer } from '../../mocks/node.js';
import { runCli } from '../../src/cli/run.js';
import { postGraphQL } from './http.js';

const ACCEPT = 'mutation AcceptGoodsQuote($input: AcceptGoodsQuoteInput!) { acceptGoodsQuote(input: $input) { __typename } }';
let server: MockKrakenServer;
let token = '';
beforeAll(async () => {
  server = await startMockKrakenServer({ brand: 'st' });
  const login = await postGraphQL(server.apiUrl, 'mutation { obtainKrakenToken(input: { APIKey: "k" }) { token } }');
  token = (login.json.data?.obtainKrakenToken as { token: string }).token;
});
afterAll(() => server.close());

const withScenario = (scenario: string) => postGraphQL(server.apiUrl, ACCEPT, { input: { quoteId: 'q' } }, { Authorization: `JWT ${token}`, 'x-kraken-mock-scenario': scenario });

describe('scenarios by request header', () => {
  it('error=<code> answers that Kraken error on the first root field', async () => {
    const reply = await withScenario('error=KT-CT-4180');
    expect(reply.status).toBe(200);
    expect(reply.json.data).toEqual({ acceptGoodsQuote: null });
    expect(reply.json.errors?.[0]).toMatchObject({ path: ['acceptGoodsQuote'], extensions: { errorCode: 'KT-CT-4180', errorType: 'APPLICATION' } });
  });

  it('rate-limit answers KT-CT-1199 with Retry-After; delay answers normally afterwards', async () => {
    const limited = await withScenario('rate-limit');
    expect(limited.json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-1199');
    expect(limited.headers.get('retry-after')).toBe('60');
    const delayed = await withScenario('delay=20');
    expect(delayed.json).toEqual({ data: { acceptGoodsQuote: { __typename: 'AcceptGoodsQuote' } } });
    expect((await withScenario('delay=20, error=KT-CT-4180')).json.errors?.[0]?.extensions?.errorCode).toBe('KT-CT-4180');
  });

  it('an unreadable scenario is a 400 naming the header', async () => {
    const reply = await withScenario('explode');
    expect(reply.status).toBe(400);
    expect(reply.json.errors?.[0]?.message).toContain('x-kraken-mock-scenario');
    expect((await withScenario('delay=999999')).status).toBe(400);
  });
});

describe('control endpoint and help page', () => {
  it('POST /__mock/reset clears the state; other methods get 405', async () => {
    await postGraphQL(server.apiUrl, '{ __typename }');
    expect(server.state.requests.length).toBeGreaterThan(0);
    const reset = await fetch(`${server.url}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect(server.state.requests).toEqual([]);
    expect((await fetch(`${server.url}/__mock/reset`)).status).toBe(405);
  });

  it("a browser's GET on the API path gets an HTML page saying how to use the server", async () => {
    const page = await fetch(server.apiUrl, { headers: { Accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const text of ['obtainKrakenToken', 'x-kraken-mock-scenario', '/__mock/reset', 'Authorization: &#60;token&#62;']) expect(html).toContain(text);
    // A GET without a query from a non-browser client stays a GraphQL error.
    expect((await fetch(server.apiUrl)).status).toBe(400);
  });
});

describe('kraken-sdk mock-server output', () => {
  it('prints how to log in, with a curl line that works', async () => {
    const out: string[] = [];
    let stop: (signal: string) => void = () => {};
    let ready: () => void = () => {};
    const printed = new Promise<void>((resolve) => (ready = resolve));
    const running = runCli(['mock-server', '--brand', 'st'], {
      stdout: (line) => {
        out.push(line);
        if (line.includes('ready')) ready();
      },
      stderr: () => {},
      stopSignal: () => new Promise((resolve) => (stop = resolve)),
    });
    await printed;
    expect(out.some((line) => line.startsWith('log in: any email and password'))).toBe(true);
    const curl = out.find((line) => line.trim().startsWith('curl -s http'));
    const [, url, body] = /^\s*curl -s (\S+) -H 'Content-Type: application\/json' -d '(.*)'$/.exec(curl ?? '') ?? [];
    const login = await fetch(url ?? '', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(((await login.json()) as { data: { obtainKrakenToken: { token: string } } }).data.obtainKrakenToken.token).toMatch(/^ey/);
    stop('SIGTERM');
    expect(await running).toBe(0);
  });

  it('--help says how to log in, choose a scenario and reset', async () => {
    const out: string[] = [];
    expect(await runCli(['mock-server', '--help'], { stdout: (line) => out.push(line), stderr: () => {}, stopSignal: () => Promise.resolve('SIGTERM') })).toBe(0);
    const help = out.join('\n');
    for (const text of ['correct-password', 'curl', 'x-kraken-mock-scenario', 'rate-limit', 'delay=', '/__mock/reset', 'browser']) expect(help).toContain(text);
    // The form the SDK sends by default (authorizationPrefix ''), so the advice matches what users see on the wire.
    expect(help).toContain('send the token as "Authorization: <token>"');
  });
});
