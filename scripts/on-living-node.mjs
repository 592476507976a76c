#!/usr/bin/env node
// Runs a dev tool (vitest, by `npm test`) on a Node the dev toolchain supports: vitest 5, msw 3 and tsup 9 ask
// for Node >= 22.12. A fresh machine may still have Node 20 (end of life since April 2026): there, Node 24 is
// taken once from npm (the node-<platform>-<arch> package, as CI does) into a cache outside the clone, so
// `npm test` stays one command. On a supported Node it only runs the tool.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

const FLOOR = [22, 12];
const DEV_NODE_MAJOR = 24;

function supported(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > FLOOR[0] || (major === FLOOR[0] && minor >= FLOOR[1]);
}

function devNode() {
  if (supported(process.versions.node)) return process.execPath;
  if (process.platform !== 'linux' && process.platform !== 'darwin') {
    throw new Error(`Node ${process.versions.node} is below ${FLOOR.join('.')}, which the dev toolchain needs: install Node ${DEV_NODE_MAJOR}`);
  }
  const folder = join(process.env.KRAKEN_CI_TOOLS ?? join(homedir(), '.cache', 'kraken-sdk-ci'), `node-${DEV_NODE_MAJOR}`);
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = join(folder, 'node_modules', pkg, 'bin', 'node');
  if (!existsSync(bin)) {
    console.error(`Node ${process.versions.node} is below ${FLOOR.join('.')}: taking Node ${DEV_NODE_MAJOR} from npm (${pkg}) into ${folder}`);
    mkdirSync(folder, { recursive: true });
    if (!existsSync(join(folder, 'package.json'))) writeFileSync(join(folder, 'package.json'), '{"name":"dev-node","private":true}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `${pkg}@${DEV_NODE_MAJOR}`], { cwd: folder, stdio: 'inherit' });
  }
  return bin;
}

const [tool, ...args] = process.argv.slice(2);
if (tool === undefined) {
  console.error('usage: node scripts/on-living-node.mjs <script of a dev tool> [args…]');
  process.exit(2);
}
const node = devNode();
// Child processes the tool starts (fleet workers, tsx) find the same Node first on PATH.
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
const result = spawnSync(node, [tool, ...args], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
