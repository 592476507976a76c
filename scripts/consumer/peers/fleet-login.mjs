// A fleet login with the Redis client major installed under the alias given (node-redis: redis-4, redis-5, redis-6;
// ioredis: ioredis-5, ioredis-6): several clients, each with its own Redis connection and in-memory session, share
// one store on a redis-server started here on 127.0.0.1; the mock Kraken answers exactly one login for all of them.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';
import { createRedisSessionStore } from 'kraken-sdk/redis';
import { createKrakenClient, loginWith, VerifyIdentityDocument } from 'kraken-sdk/st';

const alias = process.argv[2];
const require = createRequire(import.meta.url);
const library = require(alias);
const isIoRedis = alias.startsWith('ioredis');
/** A connected client of this library, created as the README says (commands fail at once while Redis is away). */
async function connect(url) {
  if (isIoRedis) {
    const client = new library.Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
    await client.connect();
    return client;
  }
  return library.createClient({ url, disableOfflineQueue: true }).on('error', () => {}).connect();
}
const { version } = JSON.parse(readFileSync(`node_modules/${alias}/package.json`, 'utf8'));
const CLIENTS = 6;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`redis-server exited (${code})`)));
    child.stdout.on('data', (chunk) => String(chunk).includes('Ready to accept connections') && resolve());
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

const redis = await startRedis();
const kraken = await startMockKrakenServer({ brand: 'st', credentials: { apiKeys: ['fleet-api-key'] } });
const connections = [];
try {
  const encryptionKey = randomBytes(32);
  const clients = [];
  for (let i = 0; i < CLIENTS; i += 1) {
    const connection = await connect(redis.url);
    connections.push(connection);
    const store = createRedisSessionStore({ client: connection, encryptionKey });
    clients.push(createKrakenClient({ endpoint: kraken.apiUrl, auth: loginWith({ apiKey: 'fleet-api-key' }), store, retry: false }));
  }
  const answers = await Promise.all(clients.map((client) => client.request(VerifyIdentityDocument, { input: {} })));
  if (!answers.every((answer) => typeof answer.verifyIdentity?.token === 'string')) throw new Error('a call got no answer');
  const logins = kraken.state.countOf('ObtainKrakenToken');
  if (logins !== 1) throw new Error(`expected one login for the fleet, the mock answered ${logins}`);
  console.log(`${isIoRedis ? 'ioredis' : 'redis'} ${version}: ${CLIENTS} clients on one encrypted Redis store, ${answers.length} calls, 1 login`);
} finally {
  await Promise.all(connections.map((connection) => connection.quit().catch(() => undefined)));
  await kraken.close();
  redis.stop();
}
