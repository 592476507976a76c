import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../demo/main.js';
import { startMockKrakenServer, type MockKrakenServer } from '../../mocks/node.js';

async function demoLines(env: NodeJS.ProcessEnv): Promise<string[]> {
  const lines: string[] = [];
  await runDemo(env, (line) => lines.push(line));
  return lines;
}

describe('npm run demo', () => {
  it.each(['st', 'oejp'])('runs a typed session against the embedded mock Kraken (%s)', async (brand) => {
    const lines = await demoLines({ KRAKEN_BRAND: brand });
    expect(lines[0]).toMatch(new RegExp(`brand ${brand} against the embedded mock Kraken at http://127\\.0\\.0\\.1:\\d+/v1/graphql/`));
    expect(lines.some((line) => line.startsWith('1. logged in'))).toBe(true);
    expect(lines.some((line) => line.startsWith('2. verifyIdentity answered {"token":'))).toBe(true);
    expect(lines.some((line) => line.startsWith('3. getHostedUrlForNewPaymentInstruction answered {"url":'))).toBe(true);
    expect(lines.some((line) => line.includes('KT-CT-1112') && line.includes('handled by its typed code'))).toBe(true);
    expect(lines.some((line) => line.startsWith('6. the client refreshed before sending'))).toBe(true);
    // Login + one refresh, and the refresh kept the refresh token's expiry.
    expect(lines.at(-1)).toBe('Done: 6 requests served, 2 token calls (1 refresh).');
    const refreshUntil = (prefix: string) => lines.find((line) => line.startsWith(prefix))?.match(/refresh token (?:still )?until (.+)$/)?.[1];
    expect(refreshUntil('6.')).toBe(refreshUntil('1.'));
  });

  describe('with KRAKEN_URL and credentials', () => {
    let server: MockKrakenServer;
    beforeAll(async () => {
      server = await startMockKrakenServer({ brand: 'st', port: 0, credentials: { users: [{ email: 'real@example.com', password: 's3cret-pass' }] } });
    });
    afterAll(() => server.close());

    it('runs the same session against that server instead of the embedded mock', async () => {
      const lines = await demoLines({ KRAKEN_BRAND: 'st', KRAKEN_URL: server.apiUrl, KRAKEN_EMAIL: 'real@example.com', KRAKEN_PASSWORD: 's3cret-pass' });
      expect(lines[0]).toBe(`Kraken SDK demo: brand st against ${server.apiUrl}`);
      expect(lines.some((line) => line.includes('KT-CT-1112'))).toBe(true);
      expect(lines.join('\n')).not.toContain('s3cret-pass');
      expect(server.state.obtainKrakenTokenCalls).toBe(1);
    });
  });

  it('refuses an unknown brand by name', async () => {
    await expect(demoLines({ KRAKEN_BRAND: 'xx' })).rejects.toThrow(/KRAKEN_BRAND must be "st" or "oejp", not "xx"/);
  });
});
