/**
 * `kraken-sdk/redis`: one session for a fleet of processes, on Redis or Valkey (Node only). Pass a connected
 * client as it is: node-redis (`redis`) or ioredis, a single node or a cluster (optional peer dependencies,
 * never imported: told apart by shape). The session is stored under a key namespaced by endpoint and identity
 * (hashes, never a secret), with the refresh token's expiry; the lease is the single-key pattern (SET NX PX
 * with a random token, released by its owner only). Every command and script touches one key, so a cluster
 * runs each on the node holding it.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { MAX_SESSION_LIFETIME_MS } from '../session/sane-session.js';
import type { HeldLease, Session, SessionScope, SessionStore, SessionStoreLease } from '../session/types.js';
import { sessionCipher } from './cipher.js';
import type { SessionCipher } from './cipher.js';
import { commandRunner } from './commands.js';
import type { RedisClientLike } from './commands.js';
import { redisPause } from './pause.js';
import { redisRefusal } from './refusal.js';

export type { IoRedisLike, NodeRedisClientLike, NodeRedisClusterLike, RedisClientLike } from './commands.js';

export interface RedisSessionStoreOptions {
  /**
   * A connected client: node-redis `createClient`, `createClientPool` or `createCluster` (v4–v6), or an
   * ioredis `Redis` or `Cluster` (v5–v6). Make commands fail at once while Redis is away (node-redis:
   * `disableOfflineQueue: true`; ioredis: `enableOfflineQueue: false`), so that the client goes on with its
   * own session instead of waiting. Anything else is refused here, naming what was given.
   */
  readonly client: RedisClientLike;
  /** Prepended to every key. Default `kraken-sdk`. */
  readonly prefix?: string;
  /** How long a lease lasts unless released (ms): longer than a login takes. Default 10 000. */
  readonly leaseMs?: number;
  /**
   * Encrypts the stored session with AES-GCM (Web Crypto): a 16-, 24- or 32-byte key, or a CryptoKey for
   * AES-GCM. Every process of the fleet needs the same key. Without it, sessions are stored as JSON.
   * With it, key names are keyed hashes too, so that reading Redis gives nothing to test guessed passwords against.
   */
  readonly encryptionKey?: Uint8Array | CryptoKey;
  /** The clock (epoch ms) for the session's time to live and the pause's duration; default `Date.now()` (give the client's, if it has its own). */
  readonly now?: () => number;
}

export const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_PREFIX = 'kraken-sdk';

// Deletes the lease only if it still holds our token: a lease that expired and was taken by another stays.
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
// Extends the lease only if it still holds our token.
const EXTEND_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** How a scope's endpoint and identity become key names: plain hashes, or keyed ones when the store has a key. */
type KeyNamer = (text: string) => Promise<string>;

function keyNamer(cipher: SessionCipher | undefined): KeyNamer {
  if (cipher === undefined) return (text) => Promise.resolve(hash(text));
  return async (text) => createHmac('sha256', await cipher.nameKey()).update(text).digest('hex').slice(0, 32);
}

/** A session store (with a lease) on Redis; `forScope` gives each endpoint and identity its own keys. */
export function createRedisSessionStore(options: RedisSessionStoreOptions): SessionStore {
  const run = commandRunner(options?.client);
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isInteger(leaseMs) || leaseMs <= 0) throw new RangeError(`createRedisSessionStore: leaseMs must be a positive integer, got ${String(leaseMs)}.`);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const now = options.now ?? (() => Date.now());
  const cipher = options.encryptionKey === undefined ? undefined : sessionCipher(options.encryptionKey);
  const nameOf = keyNamer(cipher);

  const storeAt = (namespace: Promise<string>): SessionStore => {
    const keyOf = async (suffix: string): Promise<string> => `${await namespace}:${suffix}`;
    const lease: SessionStoreLease = {
      ttlMs: leaseMs,
      acquire: async (): Promise<HeldLease | undefined> => {
        const token = `${process.pid}:${randomUUID()}`;
        const leaseKey = await keyOf('lease');
        const taken = await run(leaseKey, ['SET', leaseKey, token, 'NX', 'PX', String(leaseMs)]);
        if (taken !== 'OK') return undefined;
        return {
          release: async () => void (await run(leaseKey, ['EVAL', RELEASE_SCRIPT, '1', leaseKey, token])),
          extend: async () => (await run(leaseKey, ['EVAL', EXTEND_SCRIPT, '1', leaseKey, token, String(leaseMs)])) === 1,
        };
      },
      // (seam, issue 28.5) PTTL: -2 no lease, -1 a lease that never expires.
      expiresInMs: async () => {
        const leaseKey = await keyOf('lease');
        const left = Number(await run(leaseKey, ['PTTL', leaseKey]));
        return left === -2 ? undefined : left === -1 ? Infinity : left;
      },
    };
    return {
      lease,
      get: async () => {
        const sessionKey = await keyOf('session');
        const stored = await run(sessionKey, ['GET', sessionKey]);
        if (stored === null || stored === undefined) return undefined;
        if (typeof stored !== 'string') throw new Error('the stored session is not a string');
        const text = cipher === undefined ? stored : await cipher.decrypt(stored, sessionKey);
        try {
          return JSON.parse(text) as Session;
        } catch {
          // Not the parser's message: it quotes the text around the fault, which may be part of a token.
          throw new Error('the stored session is not valid JSON');
        }
      },
      set: async (session) => {
        const sessionKey = await keyOf('session');
        if (session === undefined) {
          await run(sessionKey, ['DEL', sessionKey]);
          return;
        }
        const text = JSON.stringify(session);
        const value = cipher === undefined ? text : await cipher.encrypt(text, sessionKey);
        await run(sessionKey, ['SET', sessionKey, value, 'PX', String(sessionTtlMs(session, now()))]);
      },
      forScope: (scope: SessionScope) =>
        storeAt(Promise.all([nameOf(scope.endpoint), nameOf(scope.identity)]).then(([endpoint, identity]) => `${prefix}:${endpoint}:${identity}`)),
      pause: redisPause(run, () => keyOf('pause'), now),
      refusal: redisRefusal(run, () => keyOf('refused')),
    };
  };
  return storeAt(Promise.resolve(`${prefix}:default`));
}

/**
 * How long Redis keeps a session (ms): as long as its refresh token (else its token) is worth keeping, within
 * what any session lasts; one without any expiry (a token without `exp`, no `refreshExpiresIn`) gets that
 * longest life too (issue 28.9: never a key without expiry). An absurd expiry must not make the write fail.
 */
function sessionTtlMs(session: Session, now: number): number {
  const expiresAt = session.refreshExpiresAt ?? session.tokenExpiresAt;
  if (expiresAt === undefined || !Number.isFinite(expiresAt)) return MAX_SESSION_LIFETIME_MS;
  return Math.min(MAX_SESSION_LIFETIME_MS, Math.max(1, Math.floor(expiresAt - now)));
}
