// A store over one shared in-process backend (a Map with expiries) that keeps every rule of the store
// contract, and the same store with one rule broken: each broken store must fail exactly its rule.
import type { HeldLease, Session, SessionScope, SessionStore } from 'kraken-sdk';
import type { StoreContractRule } from 'kraken-sdk/testing';

/** What one store can get wrong; each maps to the rule it breaks. */
export const BREAKS = {
  'forgets sessions': 'session: round trip',
  'ignores set(undefined)': 'session: cleared',
  'keeps expired sessions': 'session: expires',
  'keeps one session for every scope': 'session: scopes kept apart',
  'hands the lease to everyone': 'lease: one holder at a time',
  'never lets a lease expire': 'lease: expires by itself',
  'lets release() free any holder': 'lease: released by its holder only',
  'says true to extend() of a lost lease': 'lease: extended by its holder only',
  'loses pauses': 'pause: round trip',
  'keeps the longest pause': 'pause: latest word wins',
  'keeps a pause 10 hours': 'pause: clamped to an hour',
  'never ends a pause': 'pause: ends by itself',
  'keeps one pause for every scope': 'pause: scopes kept apart',
  'says "no session" when down': 'down: session read fails in time',
  'hangs on get() when down': 'down: session read fails in time',
  'grants the lease when down': 'down: no lease',
  'hangs on pause.get() when down': 'down: no pause, in time',
} as const satisfies Record<string, StoreContractRule>;

export type Break = keyof typeof BREAKS;

/** Rules a store also breaks because of its one fault (the contract cannot observe them apart). */
export const ALSO_BROKEN: Partial<Record<Break, readonly StoreContractRule[]>> = {
  'hands the lease to everyone': ['lease: released by its holder only', 'lease: extended by its holder only'],
  'loses pauses': ['pause: latest word wins', 'pause: clamped to an hour'],
};

interface Entry {
  value: string;
  expiresAt: number;
}

export interface Backend {
  readonly entries: Map<string, Entry>;
  down: boolean;
}

export const newBackend = (): Backend => ({ entries: new Map(), down: false });

const HOUR = 3_600_000;
const never = new Promise<never>(() => {});

/** The store on `backend`, with `broken` (if any) wrong; `leaseMs` short so that the contract's lease checks are quick. */
export function mapStore(backend: Backend, broken?: Break, leaseMs = 300, namespace = 'default'): SessionStore {
  const { entries } = backend;
  const fail = (): void => {
    if (backend.down) throw new Error('backend unreachable');
  };
  const read = (key: string): string | undefined => {
    const entry = entries.get(key);
    if (entry === undefined || entry.expiresAt <= Date.now()) return undefined;
    return entry.value;
  };
  const write = (key: string, value: string, ttlMs: number): void => void entries.set(key, { value, expiresAt: Date.now() + ttlMs });
  const key = (suffix: string): string => `${namespace}:${suffix}`;
  return {
    get: async () => {
      if (backend.down && broken === 'says "no session" when down') return undefined;
      if (backend.down && broken === 'hangs on get() when down') return never;
      fail();
      if (broken === 'forgets sessions') return undefined;
      const text = read(key('session'));
      return text === undefined ? undefined : (JSON.parse(text) as Session);
    },
    set: async (session) => {
      fail();
      if (session === undefined) {
        if (broken !== 'ignores set(undefined)') entries.delete(key('session'));
        return;
      }
      const expiresAt = session.refreshExpiresAt ?? session.tokenExpiresAt;
      const ttlMs = broken === 'keeps expired sessions' || expiresAt === undefined ? 366 * 86_400_000 : Math.max(1, expiresAt - Date.now());
      write(key('session'), JSON.stringify(session), ttlMs);
    },
    lease: {
      ttlMs: leaseMs,
      acquire: async (): Promise<HeldLease | undefined> => {
        if (backend.down && broken === 'grants the lease when down') return { release: async () => undefined };
        fail();
        const token = crypto.randomUUID();
        if (read(key('lease')) !== undefined && broken !== 'hands the lease to everyone') return undefined;
        write(key('lease'), token, broken === 'never lets a lease expire' ? HOUR : leaseMs);
        const ours = (): boolean => read(key('lease')) === token;
        return {
          release: async () => {
            fail();
            if (ours() || broken === 'lets release() free any holder') entries.delete(key('lease'));
          },
          extend: async () => {
            fail();
            if (!ours()) return broken === 'says true to extend() of a lost lease';
            write(key('lease'), token, leaseMs);
            return true;
          },
        };
      },
    },
    pause: {
      get: async () => {
        if (backend.down && broken === 'hangs on pause.get() when down') return never;
        fail();
        if (broken === 'loses pauses') return undefined;
        const entry = entries.get(key('pause'));
        if (entry === undefined) return undefined;
        // A duration read as if it started now: the pause never ends.
        if (broken === 'never ends a pause') return Date.now() + Number(entry.value);
        return entry.expiresAt > Date.now() ? entry.expiresAt : undefined;
      },
      set: async (untilMs) => {
        fail();
        const durationMs = Math.min(broken === 'keeps a pause 10 hours' ? 10 * HOUR : HOUR, Math.ceil(untilMs - Date.now()));
        const current = entries.get(key('pause'));
        if (broken === 'keeps the longest pause' && current !== undefined && current.expiresAt > Date.now() + durationMs) return;
        if (durationMs <= 0) entries.delete(key('pause'));
        else write(key('pause'), String(durationMs), durationMs);
      },
    },
    forScope: (scope: SessionScope) => {
      const shared = (broken === 'keeps one session for every scope' && 'session') || (broken === 'keeps one pause for every scope' && 'pause');
      const scoped = mapStore(backend, broken, leaseMs, `${scope.endpoint}|${scope.identity}`);
      if (shared === false) return scoped;
      // The broken part stays on the unscoped keys.
      const unscoped = mapStore(backend, broken, leaseMs, namespace);
      return shared === 'session' ? { ...scoped, get: unscoped.get, set: unscoped.set } : { ...scoped, pause: unscoped.pause };
    },
  };
}
