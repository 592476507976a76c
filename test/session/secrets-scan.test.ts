// Issue 9: the suite-wide secrets scan (test/support/secrets-watch.ts) is real and can fail. The scanner
// finds a leaked secret wherever a user could see it; the watch is live in this very file; and a child
// vitest run on a file that leaks fails, naming the secret by its label only.
import { spawnSync } from 'node:child_process';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KrakenError } from 'kraken-sdk';
import { publishError } from '../../src/core/errors.js';
import { publishCredential } from '../../mocks/credential-channel.js';
import { literalSecrets, MIN_SECRET_LENGTH, SECRET_FIXTURES, SecretScan } from '../support/secrets.js';
import type { SecretScan as Scan } from '../support/secrets.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The scanner's own samples use a secret of their own: the live watch of this file does not know it,
// so deliberately leaked samples fail only the scans made here, not this file.
const SAMPLE = 'sample-secret-of-the-scanner-tests';
const SECRET = SECRET_FIXTURES.faultsPassword;

function scanOf(record: (scan: Scan) => void): Scan {
  const scan = new SecretScan({ sample: SAMPLE });
  record(scan);
  return scan;
}

describe('the scanner', () => {
  it.each([
    ['an error message', (scan: Scan) => scan.addError(new Error(`login with ${SAMPLE} failed`))],
    ['only the stack', (scan: Scan) => {
      const error = new Error('clean message');
      error.stack = `Error: clean message\n    at login (${SAMPLE})`;
      scan.addError(error);
    }],
    ['a cause three levels deep', (scan: Scan) => scan.addError(new Error('a', { cause: new Error('b', { cause: new Error(`c ${SAMPLE}`) }) }))],
    ['only JSON.stringify (toJSON)', (scan: Scan) => scan.addError(Object.assign(new Error('clean'), { toJSON: () => ({ password: SAMPLE }) }))],
    ['only util.inspect (a custom inspect)', (scan: Scan) =>
      scan.addError(Object.assign(new Error('clean'), { [inspect.custom]: () => `hidden ${SAMPLE}`, toJSON: () => ({}) }))],
    ['a field of a KrakenError', (scan: Scan) => scan.addError(new KrakenError({ kind: 'http', message: 'clean', body: `<html>${SAMPLE}</html>` }))],
    ['a log line', (scan: Scan) => scan.addLog(`debug ${SAMPLE}`)],
    ['an inspected object', (scan: Scan) => scan.addInspected(`{ auth: { password: '${SAMPLE}' } }`)],
    // Echoes in other forms (the secret's echoForms): base64, hex, upper case, PHP-style JSON, HTML entities.
    ['a log line, as base64', (scan: Scan) => scan.addLog(`basic ${Buffer.from(SAMPLE).toString('base64')}`)],
    ['an error message, as upper-case hex', (scan: Scan) => scan.addError(new Error(`key ${Buffer.from(SAMPLE).toString('hex').toUpperCase()}`))],
    ['an error message, upper-cased', (scan: Scan) => scan.addError(new Error(`LOGIN WITH ${SAMPLE.toUpperCase()} FAILED`))],
  ])('finds a secret in %s, and its report never shows the secret', (_where, record) => {
    const findings = scanOf(record).findings();
    expect(findings.map((finding) => finding.secret)).toContain('sample');
    expect(JSON.stringify(findings)).not.toContain(SAMPLE);
  });

  it('finds a secret learned during the run (as the mocks announce them), and nothing in clean output', () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.learned-signature-42';
    const scan = scanOf((scan) => {
      scan.addLog('clean line');
      scan.addError(new KrakenError({ kind: 'auth', message: 'KT-CT-1111: Unauthorized.' }));
      scan.addInspected(`token=${token}`);
    });
    expect(scan.findings()).toEqual([]);
    scan.addSecret('mock token', token);
    expect(scan.findings().map((finding) => [finding.secret, finding.source])).toEqual([['mock token', 'inspect']]);
  });

  it('also searches the secrets a test file writes literally (credential-named keys), e.g. for an injected fetch no mock sees', () => {
    const source = `auth: { email: 'a@b.c', password: 'typed-in-the-test' }, x: { apiKey: "key-in-the-test", token: \`tok-in-the-test\`, label: 'not-a-secret' }`;
    expect(literalSecrets(source)).toEqual([
      ['literal password', 'typed-in-the-test'],
      ['literal apiKey', 'key-in-the-test'],
      ['literal token', 'tok-in-the-test'],
    ]);
  });

  it('finds a password echoed PHP-style, as HTML numeric entities, percent-encoded in lower case, NFD; the report shows none of them', () => {
    const password = 'Pa$$-w0rd/SCANNER+é"<&>';
    const echoes = [
      JSON.stringify(password).slice(1, -1).replace(/\//g, '\\/').replace('é', '\\u00e9'),
      password.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`),
      password.replace(/[&<>"]/g, (char) => `&#x${char.charCodeAt(0).toString(16)};`),
      encodeURIComponent(password).toLowerCase(),
      password.normalize('NFD'),
    ];
    for (const echoed of echoes) {
      const scan = new SecretScan({ sample: password });
      scan.addLog(`refused ${echoed}`);
      const findings = scan.findings();
      expect(findings.map((finding) => finding.secret), echoed).toEqual(['sample']);
      expect(JSON.stringify(findings).toLowerCase()).not.toContain(echoed.toLowerCase());
    }
  });

  it(`ignores values shorter than ${MIN_SECRET_LENGTH} characters (they match by chance)`, () => {
    const scan = new SecretScan({ tiny: 'abc' });
    scan.addLog('abcdef');
    expect(scan.findings()).toEqual([]);
    expect(scan.secretCount).toBe(0);
  });
});

describe('the watch (registered for every test file)', () => {
  const watch = (globalThis as Record<symbol, { scan?: Scan } | undefined>)[Symbol.for('kraken-sdk.test.secrets-watch')];

  it('is live in this file: KrakenErrors, console lines, inspected objects and mock credentials are recorded', () => {
    const scan = watch?.scan;
    expect(scan).toBeInstanceOf(SecretScan);
    if (scan === undefined) return;
    const before = { ...scan.counts, secrets: scan.secretCount };
    // As the client publishes a failed call's error (once per call).
    publishError(new KrakenError({ kind: 'network', message: 'recorded by the watch' }));
    console.info('a line recorded by the watch');
    inspect({ recorded: true });
    publishCredential('token', 'a-token-announced-by-a-mock-0123');
    expect({ ...scan.counts, secrets: scan.secretCount }).toEqual({
      ...before,
      errors: before.errors + 1,
      logLines: before.logLines + 1,
      inspected: before.inspected + 1,
      secrets: before.secrets + 1,
    });
  });

  it('fails a run that leaks: a child vitest on a leaking file exits non-zero and names each secret by its label', () => {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(new URL('node_modules/vitest/vitest.mjs', `file://${ROOT}`)), 'run', '--config', 'test/support/secrets-fixture/vitest.config.ts', '--silent'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' }, timeout: 120_000 },
    );
    const output = `${child.stdout}${child.stderr}`;
    expect(child.status, output).not.toBe(0);
    expect(output).toContain('faultsPassword in log');
    expect(output).toContain('mock token in error');
    // An echoing server of the test itself: what it issued and what it was sent are known to the watch.
    expect(output).toContain('wire token in error');
    expect(output).toContain('wire password in error');
    // What the client tells observers is watched too: debug lines, tracing channel messages, span attributes.
    expect(output).toContain('lifecyclePassword in debug');
    expect(output).toContain('reachPassword in channel');
    expect(output).toContain('endpointPassword in span');
    expect(output).toMatch(/secrets scan: 1 test files, .* [1-9]\d* found/);
    expect(output).not.toContain(SECRET);
  }, 120_000);
});
