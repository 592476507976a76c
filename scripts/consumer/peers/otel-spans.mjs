// kraken-sdk/otel with the @opentelemetry/sdk-trace-base major installed under the alias given: a call and a
// failed call become CLIENT spans with the GraphQL attributes, the failure with status ERROR and its code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { instrumentKrakenSdk } from 'kraken-sdk/otel';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { createKrakenClient, loginWith, GetHostedUrlForNewPaymentInstructionDocument, VerifyIdentityDocument } from 'kraken-sdk/st';

const alias = process.argv[2];
const require = createRequire(import.meta.url);
const sdk = require(alias);
// Versions read from the folders: @opentelemetry/api's exports do not include package.json.
const versionOf = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
const api = require('@opentelemetry/api');

const exporter = new sdk.InMemorySpanExporter();
const processor = new sdk.SimpleSpanProcessor(exporter);
// sdk-trace-base 2 takes its processors in the constructor; 1 has addSpanProcessor.
const provider = typeof sdk.BasicTracerProvider.prototype.addSpanProcessor === 'function' ? new sdk.BasicTracerProvider() : new sdk.BasicTracerProvider({ spanProcessors: [processor] });
provider.addSpanProcessor?.(processor);

const stop = instrumentKrakenSdk({ tracerProvider: provider });
const server = await startMockKrakenServer({ brand: 'st' });
try {
  const client = createKrakenClient({ endpoint: server.apiUrl, auth: loginWith({ email: 'user@example.com', password: 'correct-password' }), retry: false });
  await client.request(VerifyIdentityDocument, { input: {} });
  await createKrakenClient({ endpoint: server.apiUrl, retry: false }).safeRequest(GetHostedUrlForNewPaymentInstructionDocument, { input: {} });
} finally {
  stop();
  await server.close();
}
const spans = exporter.getFinishedSpans();
const call = spans.find((span) => span.name === 'mutation VerifyIdentity');
const failed = spans.find((span) => span.name === 'mutation GetHostedUrlForNewPaymentInstruction');
if (!call || call.kind !== api.SpanKind.CLIENT || call.attributes['graphql.operation.name'] !== 'VerifyIdentity') {
  throw new Error(`no CLIENT span for VerifyIdentity: ${spans.map((span) => span.name).join(', ')}`);
}
if (!failed || failed.status.code !== api.SpanStatusCode.ERROR || failed.attributes['kraken.error.code'] !== 'KT-CT-1112') {
  throw new Error('the failed call has no ERROR span with kraken.error.code KT-CT-1112');
}
console.log(`@opentelemetry/sdk-trace-base ${versionOf(alias)} with @opentelemetry/api ${versionOf('@opentelemetry/api')}: ${spans.length} spans, call and failure as CLIENT spans`);
