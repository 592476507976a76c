// What a first call runs, counted rather than read (issue 30 asks for the files and hops of a first call, before
// and after the chain of steps): `npx tsx bench/first-call-hops.ts [source root, default this checkout]`.
// The root's src/ is transpiled file by file (no bundling, so every function keeps its file), and a child Node
// makes one st client that logs in with email and password, then its first call, on an in-process transport.
// V8's precise coverage counts the functions that ran during that call (not during import or client creation);
// a stack captured at each send counts the nested calls between the caller and the transport.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const out = join(root, 'node_modules/.cache/first-call-hops');
rmSync(out, { recursive: true, force: true });
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
await build({ entryPoints: sources.map((file) => join(root, 'src', file)), outdir: join(out, 'src'), bundle: false, format: 'esm', platform: 'node', target: 'es2022', logLevel: 'error' });
writeFileSync(join(out, 'package.json'), '{"type":"module"}');

// The child: the email/password login as each version spells it, one call of the first st mutation.
const child = `
import { Session } from 'node:inspector/promises';
const st = await import('./src/brands/st.js');
const claims = Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
const token = 'eyJhbGciOiJIUzI1NiJ9.' + claims + '.c2ln';
const stacks = [];
Error.stackTraceLimit = Infinity;
const transport = async (request) => {
  stacks.push(new Error().stack.split('\\n').slice(1));
  const login = request.body.includes('obtainKrakenToken');
  const data = login ? { obtainKrakenToken: { token, refreshToken: 'refresh-1', refreshExpiresIn: 86400, payload: {} } } : { ok: {} };
  return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: JSON.stringify({ data }), truncated: false };
};
const credentials = { email: 'hops@example.com', password: 'hops-password' };
const auth = st.loginWith ? st.loginWith(credentials) : credentials;
const client = st.createKrakenClient({ auth, transport });
const document = Object.entries(st).find(([name, value]) => name.endsWith('Document') && value?.kraken && value.kraken.operationName !== 'ObtainKrakenToken')[1];
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
await client.request(document, {});
const { result } = await session.post('Profiler.takePreciseCoverage');
const here = new URL('./', import.meta.url).href;
const ran = result.filter((script) => script.url.startsWith(here + 'src/')).map((script) => ({
  file: script.url.slice(here.length),
  functions: script.functions.filter((fn) => fn.functionName !== '' || fn.ranges[0].startOffset !== 0).filter((fn) => fn.ranges[0].count > 0).map((fn) => fn.functionName || '(anonymous)'),
})).filter((script) => script.functions.length > 0);
const ours = (frame) => frame.includes(here + 'src/');
console.log(JSON.stringify({ ran, sends: stacks.map((stack) => stack.filter(ours).map((frame) => frame.trim().replace(here, ''))) }));
`;
writeFileSync(join(out, 'first-call.mjs'), child);
const report = JSON.parse(execFileSync(process.execPath, [join(out, 'first-call.mjs')], { encoding: 'utf8' })) as {
  ran: Array<{ file: string; functions: string[] }>;
  sends: string[][];
};
const functions = report.ran.reduce((total, script) => total + script.functions.length, 0);
console.log(`source: ${relative(process.cwd(), root) || '.'}`);
console.log(`files with code run by the first call: ${report.ran.length}; functions run: ${functions}`);
for (const script of report.ran) console.log(`  ${script.file.replace(/^src\//, '')}: ${script.functions.join(', ')}`);
report.sends.forEach((frames, index) => {
  const files = new Set(frames.map((frame) => frame.replace(/^at (async )?/, '').replace(/.*\(/, '').replace(/:\d+:\d+\)?$/, '')));
  console.log(`send ${index + 1} (${index === 0 ? 'the login' : 'the call'}): ${frames.length} nested calls of ours on the stack, in ${files.size} files`);
  for (const frame of frames) console.log(`    ${frame}`);
});
rmSync(out, { recursive: true, force: true });
