/**
 * `kraken-sdk/redis`: one session for a fleet of processes, on Redis (Node only). Built on node-redis
 * (`redis`, an optional peer dependency): pass a connected client. The session is stored under a key
 * namespaced by endpoint and identity (hashes, never a secret), with the refresh token's expiry; the
 * lease is the single-key pattern (SET NX PX with a random token, released by its owner only).
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { MAX_SESSION_LIFETIME_MS } from '../session/sane-session.js';
import type { HeldLease, Session, SessionScope, SessionStore, SessionStoreLease, SessionStorePause } from '../session/types.js';

/** The one method of a node-redis client the store uses (`createClient(...).connect()` provides it). */
export interface RedisCommandClient {
  sendCommand<T = unknown>(args: ReadonlyArray<string>): Promise<T>;
}

export interface RedisSessionStoreOptions {
  /**
   * A connected node-redis client. Create it with `disableOfflineQueue: true`, so that while Redis is away
   * commands fail at once and the client goes on with its own session instead of waiting.
   */
  readonly client: RedisCommandClient;
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
  /** The clock (epoch ms) for the session's time to live; default `Date.now()`. */
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
  const { client } = options;
  if (typeof client?.sendCommand !== 'function') {
    throw new TypeError('createRedisSessionStore: client must be a connected node-redis client (it needs sendCommand).');
  }
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
        const taken = await client.sendCommand(['SET', leaseKey, token, 'NX', 'PX', String(leaseMs)]);
        if (taken !== 'OK') return undefined;
        return {
          release: async () => void (await client.sendCommand(['EVAL', RELEASE_SCRIPT, '1', leaseKey, token])),
          extend: async () => (await client.sendCommand(['EVAL', EXTEND_SCRIPT, '1', leaseKey, token, String(leaseMs)])) === 1,
        };
      },
      // (seam, issue 28.5) PTTL: -2 no lease, -1 a lease that never expires.
      expiresInMs: async () => {
        const left = Number(await client.sendCommand(['PTTL', await keyOf('lease')]));
        return left === -2 ? undefined : left === -1 ? Infinity : left;
      },
    };
    return {
      lease,
      get: async () => {
        const sessionKey = await keyOf('session');
        const stored = await client.sendCommand<string | null>(['GET', sessionKey]);
        if (stored === null || stored === undefined) return undefined;
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
          await client.sendCommand(['DEL', sessionKey]);
          return;
        }
        const text = JSON.stringify(session);
        const value = cipher === undefined ? text : await cipher.encrypt(text, sessionKey);
        // The session is worth keeping as long as its refresh token (else its token) is.
        const expiresAt = session.refreshExpiresAt ?? session.tokenExpiresAt;
        // Clamped to what Redis accepts and any session lasts: an absurd expiry must not make the write fail.
        const ttl = expiresAt === undefined || !Number.isFinite(expiresAt) ? undefined : Math.min(MAX_SESSION_LIFETIME_MS, Math.max(1, Math.floor(expiresAt - now())));
        await client.sendCommand(ttl === undefined ? ['SET', sessionKey, value] : ['SET', sessionKey, value, 'PX', String(ttl)]);
      },
      forScope: (scope: SessionScope) =>
        storeAt(Promise.all([nameOf(scope.endpoint), nameOf(scope.identity)]).then(([endpoint, identity]) => `${prefix}:${endpoint}:${identity}`)),
      pause: redisPause(client, () => keyOf('pause'), now),
    };
  };
  return storeAt(Promise.resolve(`${prefix}:default`));
}

/**
 * The identity's rate-limit pause: its end (epoch ms) under `…:pause`, expiring with it (PX), so a pause
 * never outlives the server's word. Not secret, not encrypted.
 */
function redisPause(client: RedisCommandClient, keyOf: () => Promise<string>, now: () => number): SessionStorePause {
  return {
    get: async () => {
      const stored = await client.sendCommand<string | null>(['GET', await keyOf()]);
      const until = stored === null || stored === undefined ? Number.NaN : Number(stored);
      return Number.isFinite(until) ? until : undefined;
    },
    set: async (untilMs) => {
      const ttl = Math.ceil(untilMs - now());
      if (!Number.isFinite(ttl)) return;
      const key = await keyOf();
      await client.sendCommand(ttl > 0 ? ['SET', key, String(Math.round(untilMs)), 'PX', String(ttl)] : ['DEL', key]);
    },
  };
}

interface SessionCipher {
  encrypt(text: string, key: string): Promise<string>;
  decrypt(value: string, key: string): Promise<string>;
  /** 32 bytes only the key's holders can compute, for keyed key names. */
  nameKey(): Promise<Uint8Array>;
}

// AES-GCM of 32 zero bytes under this fixed IV is a pseudo-random function of the key alone (a CryptoKey may not be
// extractable, so the name key is derived through it). Session writes use random IVs, which meet this one with chance 2^-96.
const NAME_KEY_IV = new TextEncoder().encode('kraken-names');

const VERSION = 'v1';

/** What the store does with its key: a CryptoKey given must allow both. */
const KEY_USAGES: readonly KeyUsage[] = ['encrypt', 'decrypt'];

/** AES-GCM with a fresh 96-bit IV per write; the Redis key is the associated data, so a value cannot be moved to another identity. */
function sessionCipher(given: Uint8Array | CryptoKey): SessionCipher {
  const { subtle } = globalThis.crypto;
  let key: Promise<CryptoKey>;
  if (given instanceof Uint8Array) {
    if (![16, 24, 32].includes(given.byteLength)) {
      throw new TypeError(`createRedisSessionStore: encryptionKey must be 16, 24 or 32 bytes, got ${given.byteLength}.`);
    }
    key = subtle.importKey('raw', new Uint8Array(given), 'AES-GCM', false, [...KEY_USAGES]);
  } else if (typeof given === 'object' && given !== null && (given as CryptoKey).algorithm?.name === 'AES-GCM') {
    // Checked here: a key that cannot encrypt would otherwise fail in forScope's key-name derivation, which
    // nothing awaits yet, as an unhandled rejection.
    const { usages } = given as CryptoKey;
    if (!KEY_USAGES.every((usage) => usages?.includes(usage))) {
      throw new TypeError(`createRedisSessionStore: encryptionKey must allow both encrypt and decrypt, got usages [${String(usages)}].`);
    }
    key = Promise.resolve(given);
  } else {
    throw new TypeError('createRedisSessionStore: encryptionKey must be a Uint8Array of 16, 24 or 32 bytes or an AES-GCM CryptoKey.');
  }
  const encoder = new TextEncoder();
  let nameKey: Promise<Uint8Array> | undefined;
  return {
    nameKey: () =>
      (nameKey ??= key.then(async (cryptoKey) => new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: NAME_KEY_IV }, cryptoKey, new Uint8Array(32))).slice(0, 32))),
    encrypt: async (text, associated) => {
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const sealed = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(associated) }, await key, encoder.encode(text));
      return `${VERSION}.${Buffer.from(iv).toString('base64')}.${Buffer.from(sealed).toString('base64')}`;
    },
    decrypt: async (value, associated) => {
      const [version, iv, sealed] = value.split('.');
      if (version !== VERSION || iv === undefined || sealed === undefined) throw new Error('the stored session is not encrypted with this store\'s format');
      try {
        const opened = await subtle.decrypt(
          { name: 'AES-GCM', iv: Buffer.from(iv, 'base64'), additionalData: encoder.encode(associated) },
          await key,
          Buffer.from(sealed, 'base64'),
        );
        return new TextDecoder().decode(opened);
      } catch {
        throw new Error('the stored session could not be decrypted (a different encryptionKey?)');
      }
    },
  };
}
