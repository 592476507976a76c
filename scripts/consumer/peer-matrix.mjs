// The peer matrix of the consumer check: for every major that package.json's peerDependencies accept, a fresh
// consumer project with the packed tarball and that major, on a Node line that runs it, and a real check there
// (scripts/consumer/peer-cells.mjs says which; the checks are in scripts/consumer/peers/). Projects install and run
// side by side (three at a time), with npm's cache (--prefer-offline). Prints peer × major × Node → result.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, graphql } from 'graphql';
import { PEER_CELLS, PEER_PROJECTS } from './peer-cells.mjs';
import { uncoveredPeerMajors } from './peer-coverage.mjs';

const execFileAsync = promisify(execFile);
const PARALLEL_PROJECTS = 3;
const COMMAND_TIMEOUT_MS = 600_000;

function serveSchema(sdl) {
  const schema = buildSchema(sdl);
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body);
      void graphql({ schema, source: query, variableValues: variables ?? null }).then((result) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)));
    });
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/v1/graphql/` })));
}

/** Runs a command in the project with its Node first on PATH (npm included); resolves to stdout + stderr. */
async function inProject(project, command, args) {
  const env = { ...process.env, PATH: `${dirname(project.nodeBin)}${delimiter}${process.env.PATH}`, NO_COLOR: '1', FORCE_COLOR: '0' };
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd: project.dir, env, timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
    return `${stdout}${stderr}`;
  } catch (error) {
    throw new Error(`${[command, ...args].join(' ')} failed in ${project.dir}:\n${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`, { cause: error });
  }
}

function installedVersion(project, name) {
  const file = join(project.dir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : undefined;
}

function typeCheck(context, project, name, compilerOptions, files) {
  writeFileSync(join(project.dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM'], strict: true, noEmit: true, types: [], ...compilerOptions }, files }));
  return inProject(project, project.nodeBin, [context.tsc, '-p', `tsconfig.${name}.json`]);
}

const CHECKS = {
  async 'msw-suite'(context, project) {
    const output = await inProject(project, project.nodeBin, ['node_modules/vitest/vitest.mjs', 'run', 'msw-app.test.ts']);
    const passed = /Tests\s+(\d+) passed/.exec(output)?.[1];
    if (!passed || /\bfailed\b/.test(output)) throw new Error(`the consumer's vitest suite did not pass:\n${output}`);
    // kraken-sdk/mocks' declarations under this msw, skipLibCheck off (expected compile error included).
    await typeCheck(context, project, 'msw', { module: 'node16', moduleResolution: 'node16', skipLibCheck: false }, ['msw-types.ts']);
    return `a consumer's vitest ${installedVersion(project, 'vitest')} suite against kraken-sdk/mocks: ${passed} tests passed; its types check with skipLibCheck off`;
  },
  async 'graphql-request'(_context, project) {
    return (await inProject(project, project.nodeBin, ['graphql-request.mjs'])).trim();
  },
  async 'fleet-login'(_context, project, cell) {
    return (await inProject(project, project.nodeBin, ['fleet-login.mjs', ...cell.args])).trim();
  },
  async 'otel-spans'(_context, project, cell) {
    return (await inProject(project, project.nodeBin, ['otel-spans.mjs', ...cell.args])).trim();
  },
  // pull -> generate -> tsc --strict on the synthetic Kraken-scale schema.
  async codegen(context, project) {
    const cli = 'node_modules/kraken-sdk/dist/cli.js';
    await inProject(project, project.nodeBin, [cli, 'pull', '--brand', 'st', '--endpoint', context.schemaUrl, '--out', 'kraken.graphql']);
    const started = Date.now();
    const depth = process.env.KRAKEN_CONSUMER_DEPTH;
    await inProject(project, project.nodeBin, [cli, 'generate', '--brand', 'st', '--schema', 'kraken.graphql', '--out', 'src/kraken', ...(depth ? ['--depth', depth] : [])]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    mkdirSync(join(project.dir, 'src'), { recursive: true });
    writeFileSync(join(project.dir, 'src/use-kraken.ts'), "import { createKrakenClient, AcceptGoodsQuoteDocument } from './kraken/index.js';\nexport const call = () => createKrakenClient({ auth: { token: 't' } }).request(AcceptGoodsQuoteDocument, { input: { accountNumber: 'A-1' } as never });\n");
    await typeCheck(context, project, 'generated', { module: 'node16', moduleResolution: 'node16', skipLibCheck: true }, ['src/use-kraken.ts']);
    return `pulled the synthetic schema, generated in ${seconds} s, tsc --strict passed (cli ${installedVersion(project, '@graphql-codegen/cli')})`;
  },
};

async function setUpProject(context, definition) {
  const project = { ...definition, dir: join(context.work, 'peers', definition.name), nodeBin: await context.nodeBinary(definition.node) };
  mkdirSync(project.dir, { recursive: true });
  const manifest = { name: `peer-${definition.name}`, private: true, type: 'module', ...(definition.overrides ? { overrides: definition.overrides } : {}) };
  writeFileSync(join(project.dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const file of readdirSync(context.fixtures)) copyFileSync(join(context.fixtures, file), join(project.dir, file));
  const output = await inProject(project, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', context.tarball, ...definition.install]);
  if (definition.engineCheck) {
    const warnings = output.split('\n').filter((line) => line.includes('EBADENGINE'));
    if (warnings.length > 0) throw new Error(`npm on Node ${definition.node} warned EBADENGINE:\n${warnings.join('\n')}`);
  }
  project.nodeVersion = (await inProject(project, project.nodeBin, ['--version'])).trim();
  return project;
}

async function runProject(context, definition) {
  const rows = [];
  let project;
  try {
    project = await setUpProject(context, definition);
  } catch (error) {
    for (const cell of definition.cells) rows.push({ cell: { ...cell, project: definition.name }, node: `Node ${definition.node}`, ok: false, detail: `install: ${error.message}` });
    return rows;
  }
  for (const cell of definition.cells.map((each) => ({ ...each, project: definition.name }))) {
    try {
      rows.push({ cell, project, node: project.nodeVersion, ok: true, detail: await CHECKS[cell.check](context, project, cell) });
    } catch (error) {
      rows.push({ cell, project, node: project.nodeVersion, ok: false, detail: error.message });
    }
  }
  return rows;
}

async function pool(items, size, worker) {
  const results = [];
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** peer × major × Node → result, one line per major a cell covers; typescript rows come from the main check. */
export function printPeerTable(rows, extraRows = []) {
  const lines = [];
  for (const row of rows) {
    for (const [peer, major] of row.cell.covers) {
      const alias = row.cell.args?.[0];
      const version = row.project ? (installedVersion(row.project, peer) ?? (alias ? installedVersion(row.project, alias) : undefined)) : undefined;
      lines.push([peer, version ? `${major} (${version})` : major, row.node, row.ok ? 'pass' : 'FAIL', row.cell.check]);
    }
  }
  lines.push(...extraRows);
  lines.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1], undefined, { numeric: true }));
  const header = ['peer', 'major (installed)', 'Node', 'result', 'check'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (line) => `  | ${line.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(['', format(header), format(widths.map((width) => '-'.repeat(width))), ...lines.map(format), ''].join('\n'));
}

/**
 * Runs every project; resolves to the rows. `nodeBinary(line)` gives the path of that Node line's binary,
 * `tsc` TypeScript's bin, `syntheticSchema` the SDL file codegen pulls.
 */
export async function runPeerMatrix({ work, tarball, fixtures, nodeBinary, tsc, syntheticSchema, ownPackage, check }) {
  const problems = uncoveredPeerMajors(ownPackage.peerDependencies, PEER_CELLS);
  if (problems.length > 0) throw new Error(`peerDependencies accept majors the peer matrix does not run:\n  ${problems.join('\n  ')}`);
  check(`every major in peerDependencies has a cell (${PEER_CELLS.length} cells in ${PEER_PROJECTS.length} projects)`);
  const started = Date.now();
  const { server, url } = await serveSchema(readFileSync(syntheticSchema, 'utf8'));
  try {
    const context = { work, tarball, fixtures, nodeBinary, tsc, schemaUrl: url };
    // The slowest projects (graphql-codegen's installs and generation) start first.
    const ordered = [...PEER_PROJECTS].sort((a, b) => Number(b.name.startsWith('codegen')) - Number(a.name.startsWith('codegen')));
    const rows = (await pool(ordered, PARALLEL_PROJECTS, (definition) => runProject(context, definition))).flat();
    for (const row of rows) if (row.ok) check(`${row.cell.project} on ${row.node}: ${row.detail}`);
    check(`peer matrix took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return rows;
  } finally {
    server.close();
  }
}
