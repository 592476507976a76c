// Run only by test/session/secrets-scan.test.ts, in a child vitest, to prove that the suite-wide
// secrets watch fails a run that leaks: a fixture password in a log line, a mock-issued token in a
// KrakenError nobody prints.
import { it } from 'vitest';
import { KrakenError } from 'kraken-sdk';
import { publishError } from '../../../src/core/errors.js';
import { publishCredential } from '../../../mocks/credential-channel.js';
import { SECRET_FIXTURES } from '../secrets.js';

it('logs a fixture password', () => {
  console.log(`debug: logging in with ${SECRET_FIXTURES.faultsPassword}`);
});

it('creates an error holding a token a mock issued', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.leaked-signature-0123';
  publishCredential('token', token);
  // Published as the client publishes the error a call fails with.
  publishError(new KrakenError({ kind: 'http', message: `refused ${token}` }));
});

it('creates errors holding what an echoing server of the test issued and was sent (no mock, no literal)', async () => {
  const { createServer } = await import('node:http');
  const { randomBytes } = await import('node:crypto');
  const issued = `runtime-token-${randomBytes(8).toString('hex')}`;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => response.end(JSON.stringify({ data: { obtainKrakenToken: { token: issued } }, echo: body })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const sent = ['runtime', 'password', randomBytes(8).toString('hex')].join('-');
  const answer = await (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify({ variables: { input: { password: sent } } }) })).text();
  server.close();
  // What an SDK that did not redact would throw: the whole echo.
  publishError(new KrakenError({ kind: 'http', message: 'echoed', body: answer }));
});

it('tells observers a fixture password: a debug line, a tracing channel message, a span attribute', async () => {
  const diagnostics = await import('node:diagnostics_channel');
  // What an SDK that did not redact its events would publish.
  diagnostics.channel('kraken-sdk:debug').publish(`kraken-sdk: login ← 200 ${SECRET_FIXTURES.lifecyclePassword}`);
  const attempts = diagnostics.tracingChannel('kraken-sdk:attempt');
  const handlers = { start() {}, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
  attempts.subscribe(handlers);
  await attempts.tracePromise(async () => undefined, { operationName: 'Leak', code: SECRET_FIXTURES.reachPassword });
  attempts.unsubscribe(handlers);
  const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
  provider.getTracer('leak').startSpan('leak', { attributes: { 'kraken.error.code': SECRET_FIXTURES.endpointPassword } }).end();
});
