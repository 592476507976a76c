// Vitest setup file, run before every test file: records every KrakenError the SDK creates (its
// diagnostics channel), every console call and stdout/stderr write, every util.inspect result, and
// every credential or token the mocks accept or issue, and every one that crosses an HTTP server or
// client in this process (so an echoing test server's tokens are known too); after the file, scans all of it for each
// secret (the shared fixtures plus what the mocks saw), writes a per-file report (counts and hashes,
// never a secret) and fails the file on any finding. test/support/secrets-report.ts sums the reports.
import { createHash } from 'node:crypto';
import diagnostics from 'node:diagnostics_channel';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import util from 'node:util';
import { afterAll, expect, inject } from 'vitest';
import { ATTEMPT_CHANNEL, ERROR_CHANNEL, REQUEST_CHANNEL } from '../../src/core/diagnostics.js';
import { KrakenError, publishError } from '../../src/core/errors.js';
import { MOCK_CREDENTIAL_CHANNEL } from '../../mocks/credential-channel.js';
import type { MockCredential } from '../../mocks/credential-channel.js';
import { authorizationToken, literalSecrets, SecretScan, secretFields } from './secrets.js';

/** Where the client publishes its debug lines (events.ts keeps the name private: a lazily loaded module's exports cost bytes). */
const DEBUG_CHANNEL = 'kraken-sdk:debug';

export interface FileReport {
  readonly file: string;
  readonly errors: number;
  readonly logLines: number;
  readonly inspected: number;
  readonly debugLines: number;
  readonly channelMessages: number;
  readonly spans: number;
  /** sha256 prefixes of the secrets searched, so the run can count distinct ones without storing any. */
  readonly secretHashes: readonly string[];
  readonly findings: ReadonlyArray<{ secret: string; source: string; record: number; excerpt: string }>;
}

interface WatchState {
  scan: SecretScan | undefined;
  /** True while the watch itself renders something (its own inspect calls are not the suite's). */
  busy: boolean;
  probeSeen: boolean;
  readonly originalInspect: typeof util.inspect;
}

const STATE_KEY = Symbol.for('kraken-sdk.test.secrets-watch');
const WRAPPED = Symbol.for('kraken-sdk.test.secrets-watch.wrapped');
const PROBE_MESSAGE = 'secrets-watch probe: is the error channel live?';
const holder = globalThis as { [STATE_KEY]?: WatchState };

function lineCount(text: string): number {
  return Math.max(1, text.split('\n').filter((line) => line !== '').length);
}

function installOnce(): WatchState {
  const existing = holder[STATE_KEY];
  if (existing !== undefined) return existing;
  const state: WatchState = { scan: undefined, busy: false, probeSeen: false, originalInspect: util.inspect };
  holder[STATE_KEY] = state;
  const quietly = (record: (scan: SecretScan) => void): void => {
    const { scan } = state;
    if (scan === undefined || state.busy) return;
    state.busy = true;
    try {
      record(scan);
    } finally {
      state.busy = false;
    }
  };
  diagnostics.subscribe(ERROR_CHANNEL, (error) => {
    if (error instanceof KrakenError && error.message === PROBE_MESSAGE) {
      state.probeSeen = true;
      return;
    }
    quietly((scan) => scan.addError(error));
  });
  diagnostics.subscribe(MOCK_CREDENTIAL_CHANNEL, (message) => {
    const { kind, value } = message as MockCredential;
    quietly((scan) => scan.addSecret(`mock ${kind}`, value));
  });
  watchWire(quietly);
  watchObservers(quietly);
  // util.inspect, also for `import { inspect } from 'node:util'` (named exports are synced below).
  const original = state.originalInspect;
  const watched = function inspect(this: unknown, ...args: Parameters<typeof util.inspect>): string {
    const text = Reflect.apply(original, this, args) as string;
    quietly((scan) => scan.addInspected(text));
    return text;
  };
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(original))) {
    if (key !== 'length' && key !== 'name' && key !== 'prototype') Object.defineProperty(watched, key, descriptor);
  }
  util.inspect = watched as typeof util.inspect;
  syncBuiltinESMExports();
  return state;
}

/**
 * Learns every secret that crosses HTTP in this process, whoever the server is (the mocks, a test's own
 * server that echoes the request or issues its own tokens): Authorization headers sent and received, and
 * the secret-named JSON fields (login inputs, issued tokens, their echoes) of every body a server sends or
 * a server or client receives. A test's hostile server is then watched as closely as the mocks.
 */
function watchWire(quietly: (record: (scan: SecretScan) => void) => void): void {
  const learnText = (chunk: unknown): void => {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) return;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!text.includes('"')) return;
    quietly((scan) => {
      for (const [label, value] of secretFields(text)) scan.addSecret(label, value);
    });
  };
  const learnAuthorization = (value: unknown): void => {
    const token = authorizationToken(value);
    if (token !== undefined) quietly((scan) => scan.addSecret('wire authorization', token));
  };
  diagnostics.subscribe('http.server.request.start', (message) => learnAuthorization((message as { request: http.IncomingMessage }).request.headers.authorization));
  diagnostics.subscribe('http.client.request.start', (message) => learnAuthorization((message as { request: http.ClientRequest }).request.getHeader('authorization')));
  diagnostics.subscribe('undici:request:create', (message) => {
    // undici keeps headers as a flat [name, value, …] list (or a raw string in older versions).
    const headers = (message as { request: { headers?: unknown } }).request.headers;
    const list = Array.isArray(headers) ? (headers as unknown[]) : typeof headers === 'string' ? headers.split('\r\n').flatMap((line) => line.split(/:\s*/, 2)) : [];
    for (let index = 0; index + 1 < list.length; index += 2) if (String(list[index]).toLowerCase() === 'authorization') learnAuthorization(String(list[index + 1]));
  });
  // Bodies: what an in-process server receives (and a node:http client's answers), and what it sends.
  const incoming = http.IncomingMessage.prototype as unknown as { push: (chunk: unknown, encoding?: unknown) => boolean };
  const push = incoming.push;
  incoming.push = function (this: unknown, chunk: unknown, encoding?: unknown): boolean {
    learnText(chunk);
    return Reflect.apply(push, this, [chunk, encoding]) as boolean;
  };
  const outgoing = http.ServerResponse.prototype as unknown as Record<'write' | 'end', (...args: unknown[]) => unknown>;
  for (const method of ['write', 'end'] as const) {
    const original = outgoing[method];
    outgoing[method] = function (this: unknown, ...args: unknown[]): unknown {
      learnText(args[0]);
      return Reflect.apply(original, this, args);
    };
  }
}

/**
 * What the client tells observers: its debug lines (also published on `kraken-sdk:debug`), the messages of
 * its tracing channels (each as it ends: every field but the call and the error, which are scanned as errors)
 * and the attributes, status and name of every span an OTel SimpleSpanProcessor ends.
 */
function watchObservers(quietly: (record: (scan: SecretScan) => void) => void): void {
  diagnostics.subscribe(DEBUG_CHANNEL, (line) => quietly((scan) => scan.addObserved('debug', String(line))));
  const message = (value: unknown): string => JSON.stringify({ ...(value as object), call: undefined, error: undefined });
  // Seen as published, without subscribing (a subscriber would make every call of the suite a traced one).
  for (const name of [REQUEST_CHANNEL, ATTEMPT_CHANNEL]) {
    for (const part of ['start', 'asyncEnd', 'error']) {
      const channel = diagnostics.channel(`tracing:${name}:${part}`) as unknown as { publish: (value: unknown) => void };
      // A channel changes prototype as it gains and loses subscribers: the current one's publish is called.
      channel.publish = function (this: object, value: unknown) {
        quietly((scan) => scan.addObserved('channel', message(value)));
        return Reflect.apply((Object.getPrototypeOf(this) as { publish: (value: unknown) => void }).publish, this, [value]);
      };
    }
  }
  void import('@opentelemetry/sdk-trace-base').then(({ SimpleSpanProcessor }) => {
    const processor = SimpleSpanProcessor.prototype as unknown as { onEnd: (span: { name: string; attributes: unknown; status: unknown }) => void };
    const onEnd = processor.onEnd;
    processor.onEnd = function (this: unknown, span) {
      quietly((scan) => scan.addObserved('span', JSON.stringify([span.name, span.attributes, span.status])));
      return Reflect.apply(onEnd, this, [span]);
    };
  }, () => undefined);
}

/** console and process.stdout/stderr may be replaced per file by the runner: (re)wrapped for each file. */
function wrapOutputs(state: WatchState): void {
  const record = (text: string): void => {
    const { scan } = state;
    if (scan === undefined || state.busy) return;
    state.busy = true;
    try {
      scan.addLog(text);
      scan.counts.logLines += lineCount(text) - 1;
    } finally {
      state.busy = false;
    }
  };
  const target = console as unknown as Record<string, unknown>;
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir']) {
    const original = target[method];
    if (typeof original !== 'function' || (original as { [WRAPPED]?: boolean })[WRAPPED]) continue;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      record(method === 'dir' ? state.originalInspect(args[0]) : util.format(...args));
      return Reflect.apply(original, this, args);
    };
    Object.defineProperty(wrapped, WRAPPED, { value: true });
    target[method] = wrapped;
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write as ((...args: unknown[]) => boolean) & { [WRAPPED]?: boolean };
    if (original[WRAPPED]) continue;
    const wrapped = function (this: unknown, ...args: unknown[]): boolean {
      const [chunk] = args;
      record(typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
      return Reflect.apply(original, this, args);
    };
    Object.defineProperty(wrapped, WRAPPED, { value: true });
    stream.write = wrapped as typeof stream.write;
  }
}

const state = installOnce();
state.scan = new SecretScan();
// Secrets a test writes literally (and may hand to an injected fetch no mock sees) are searched too.
const testPath = expect.getState().testPath;
if (testPath !== undefined) for (const [label, value] of literalSecrets(readFileSync(testPath, 'utf8'))) state.scan.addSecret(label, value);
wrapOutputs(state);

// The error channel must be live, or this file's errors would go unseen and the scan pass silently.
state.probeSeen = false;
publishError(new KrakenError({ kind: 'http', message: PROBE_MESSAGE }));
if (!state.probeSeen) throw new Error(`secrets watch: KrakenErrors are not published on "${ERROR_CHANNEL}", so no error could be scanned.`);

const hash = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 16);

afterAll(() => {
  const scan = state.scan;
  state.scan = undefined;
  if (scan === undefined) return;
  const file = expect.getState().testPath ?? 'unknown file';
  const findings = scan.findings();
  const report: FileReport = {
    file,
    errors: scan.counts.errors,
    logLines: scan.counts.logLines,
    inspected: scan.counts.inspected,
    debugLines: scan.counts.debugLines,
    channelMessages: scan.counts.channelMessages,
    spans: scan.counts.spans,
    secretHashes: scan.secretValues().map(hash),
    findings,
  };
  const dir = inject('secretsReportDir');
  if (typeof dir !== 'string') throw new Error('secrets watch: no report folder; register test/support/secrets-report.ts in vitest globalSetup.');
  writeFileSync(join(dir, `${hash(file)}.json`), JSON.stringify(report));
  if (findings.length > 0) {
    throw new Error(
      `secrets watch: ${findings.length} secret(s) in what this file produced:\n${findings
        .slice(0, 20)
        .map((finding) => `  ${finding.secret} in ${finding.source} #${finding.record}: …${finding.excerpt}…`)
        .join('\n')}`,
    );
  }
});

declare module 'vitest' {
  export interface ProvidedContext {
    secretsReportDir: string;
  }
}
