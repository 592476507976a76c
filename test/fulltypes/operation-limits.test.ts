// Issue 27.5: the user's own operations are costed at generate time by the rule the generated ones are
// (Kraken's: complexity 200, 10,000 nodes), instead of failing with KT-CT-1188 at run time.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { thirdBrandSchema } from './third-brand-schema.js';

async function cli(argv: string[]): Promise<{ status: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (l) => out.push(l), stderr: (l) => err.push(l), stopSignal: () => new Promise(() => {}) });
  return { status, out, err };
}

// 1 (asset) + 1 (assets) + 100 per page x (edges{node} 2 + pageInfo 1 + firstEdges 1) = 402.
const COSTLY = `query Costly {
  asset(ref: "W-1") { id }
  assets(first: 100) {
    edges { node { id label } }
    firstEdges: edges { cursor }
    pageInfo { hasNextPage endCursor }
  }
}
`;

describe('generate --schema: own operations over Kraken limits', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'op-limits-'));
    await writeFile(join(dir, 'schema.graphql'), `# Endpoint: http://127.0.0.1:1/v1/graphql/\n\n${thirdBrandSchema().sdl}`);
    await mkdir(join(dir, 'ops'));
    await writeFile(join(dir, 'ops/costly.graphql'), COSTLY);
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('an operation at complexity 402 is refused with its cost, the limit and the costliest field; nothing is written', async () => {
    const run = await cli(['generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'out'), '--operations', join(dir, 'ops')]);
    expect(run.status).toBe(1);
    expect(run.err.filter((line) => !line.includes('warning:'))).toEqual([
      'kraken-sdk generate: operation Costly: complexity 402 over the limit of 200 (Kraken refuses it with KT-CT-1188); the costliest field is assets (100 per page) at 401. Ask for smaller pages (first/last) or fewer nested lists; --allow-over-limit keeps it.',
    ]);
    expect(await readdir(dir)).not.toContain('out');
  });

  it('--allow-over-limit keeps it, with a warning', async () => {
    const run = await cli(['generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'kept'), '--operations', join(dir, 'ops'), '--allow-over-limit']);
    expect(run.status).toBe(0);
    expect(run.err).toContain('kraken-sdk generate: warning: operation Costly: complexity 402 over the limit of 200 (Kraken refuses it with KT-CT-1188); the costliest field is assets (100 per page) at 401 (kept: --allow-over-limit)');
  });

  it('the node limit too', async () => {
    const ops = join(dir, 'nodes');
    await mkdir(ops);
    // Complexity 1 + 99 x 2 = 199 fits; nodes 1 + 99 x (edges, node, 120 leaves) = 12,079 do not.
    await writeFile(join(ops, 'wide.graphql'), `query Wide { assets(first: 99) { edges { node { ${Array.from({ length: 120 }, (_, index) => `l${index}: label`).join(' ')} } } } }\n`);
    const run = await cli(['generate', '--schema', join(dir, 'schema.graphql'), '--out', join(dir, 'wide'), '--operations', ops]);
    expect(run.status).toBe(1);
    expect(run.err.join('\n')).toMatch(/operation Wide: 12079 nodes over the limit of 10000 \(Kraken refuses it with KT-CT-1189\); the costliest field is assets \(99 per page\) at 12079/);
  });
});
