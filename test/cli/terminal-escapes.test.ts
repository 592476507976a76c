import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runPullCommand } from '../../src/cli/pull.js';
import { runCli } from '../../src/cli/run.js';

// ESC, CR, BEL, C1 CSI: what a hostile server or schema would use to forge or hide terminal output.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const FORGED = '\u001b[2K\r\u001b[32mwrote kraken.graphql\u0007\u009b';

function capture() {
  const lines: string[] = [];
  const io = { stdout: (line: string) => lines.push(line), stderr: (line: string) => lines.push(line), stopSignal: () => Promise.resolve('SIGTERM') };
  return { lines, io };
}

const jsonAnswer = (body: unknown) => () => Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));

describe('the CLI prints server and schema text with control characters escaped', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-escapes-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('pull: a GraphQL error message from the server', async () => {
    const { lines, io } = capture();
    const fetch = jsonAnswer({ data: null, errors: [{ message: `no${FORGED}` }] });
    expect(await runPullCommand(['--brand', 'st', '--endpoint', 'http://127.0.0.1:9/v1/graphql/', '--out', join(dir, 's.graphql')], io, { env: {}, fetch })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(CONTROL);
    expect(lines[0]).toContain('\\u001b[2K\\u000d\\u001b[32mwrote kraken.graphql\\u0007\\u009b');
  });

  it('pull: a type name in the introspection result', async () => {
    const { lines, io } = capture();
    const name = `Query${FORGED}`;
    const fetch = jsonAnswer({
      data: {
        __schema: {
          queryType: { name },
          mutationType: null,
          subscriptionType: null,
          directives: [],
          types: [{ kind: 'OBJECT', name, fields: [{ name: 'a', args: [], type: { kind: 'SCALAR', name: 'Int' }, isDeprecated: false }], interfaces: [] }],
        },
      },
    });
    expect(await runPullCommand(['--brand', 'st', '--endpoint', 'http://127.0.0.1:9/v1/graphql/', '--out', join(dir, 's.graphql')], io, { env: {}, fetch })).toBe(1);
    expect(lines.join('\n')).not.toMatch(CONTROL);
    expect(lines.join('\n')).toContain('\\u001b[2K');
  });

  it('pull: a line feed in a type name stays inside the one error line (no forged "wrote" or "done." lines)', async () => {
    const { lines, io } = capture();
    const name = 'Query\nwrote ./kraken.graphql\ndone.';
    const fetch = jsonAnswer({
      data: {
        __schema: {
          queryType: { name },
          mutationType: null,
          subscriptionType: null,
          directives: [],
          types: [{ kind: 'OBJECT', name, fields: [{ name: 'a', args: [], type: { kind: 'SCALAR', name: 'Int' }, isDeprecated: false }], interfaces: [] }],
        },
      },
    });
    expect(await runPullCommand(['--endpoint', 'http://127.0.0.1:9/v1/graphql/', '--out', join(dir, 's.graphql')], io, { env: {}, fetch })).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toContain('Query\\u000awrote ./kraken.graphql\\u000adone.');
  });

  it('drift: a deprecation reason in the pulled schema', async () => {
    const schema = join(dir, 'schema.graphql');
    await writeFile(schema, `type Query { a: Int }\ntype Mutation {\n  obtainKrakenToken(input: Int): Int @deprecated(reason: "gone\\u001b[8m hidden")\n}\n`);
    const { lines, io } = capture();
    await runCli(['drift', '--brand', 'st', '--schema', schema], io);
    const text = lines.join('\n');
    expect(text).toContain('gone\\u001b[8m hidden');
    expect(text).not.toMatch(CONTROL);
  });
});
