// The session store contract (issue 31) as a check anyone can run against their own store: a plain async
// function returning the rules a store breaks, so that it runs under vitest, node:test, Jest or a Worker's
// test runner alike. Each rule is what the client relies on when processes share a store.
import { MAX_PAUSE_MS } from '../session/pause-bounds.js';
import type { HeldLease, Session, SessionScope, SessionStore, SessionStoreLease, SessionStorePause } from '../session/types.js';

export type StoreContractRule =
  | 'session: round trip'
  | 'session: cleared'
  | 'session: expires'
  | 'session: scopes kept apart'
  | 'lease: one holder at a time'
  | 'lease: expires by itself'
  | 'lease: released by its holder only'
  | 'lease: extended by its holder only'
  | 'pause: round trip'
  | 'pause: latest word wins'
  | 'pause: clamped to an hour'
  | 'pause: ends by itself'
  | 'pause: scopes kept apart'
  | 'down: session read fails in time'
  | 'down: no lease'
  | 'down: no pause, in time';

export interface StoreContractFailure {
  readonly rule: StoreContractRule;
  readonly problem: string;
}

export interface StoreContractOptions {
  /**
   * Opens the store under test, as one process would. Stores it returns must share what they hold (two
   * connections to one backend; for an in-process store, the same object). Called a few times per check.
   */
  readonly open: () => SessionStore | Promise<SessionStore>;
  /** Opens it with its backend out of reach (a client of a stopped server, say); without it the `down:` rules are not checked. */
  readonly openDown?: () => SessionStore | Promise<SessionStore>;
  /** How far ahead the expiry checks set their sessions and pauses (ms): the shortest expiry the store keeps. Default 1000 (Workers KV: 60 000). */
  readonly shortestExpiryMs?: number;
  /** How late an expiry, and how far off a stored time, may be (ms). Default 500. */
  readonly toleranceMs?: number;
  /** The clock the store was built with (epoch ms); default `Date.now()`. */
  readonly now?: () => number;
}

/** How long the client waits for a session operation (and a pause operation) before going on without the store. */
const SESSION_TIMEOUT_MS = 2000;
const PAUSE_TIMEOUT_MS = 1000;
/** Past this, an operation of a store that is up counts as hung. */
const ANSWER_MS = 5000;

class Broken extends Error {}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** `work`, or a Broken error after `ms`: a store that hangs fails its rule instead of the check. */
function answered<T>(work: () => T | Promise<T>, what: string, ms = ANSWER_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Broken(`${what} did not answer within ${ms} ms`)), ms);
    Promise.resolve()
      .then(work)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer));
  });
}

function freshScope(): SessionScope {
  return { endpoint: 'https://store-contract.invalid/v1/graphql/', identity: globalThis.crypto.randomUUID().replaceAll('-', '') };
}

function sampleSession(now: number, expiresInMs: number): Session {
  const id = globalThis.crypto.randomUUID();
  return { token: `contract-token-${id}`, tokenIssuedAt: now, tokenExpiresAt: now + expiresInMs, refreshToken: `contract-refresh-${id}`, refreshExpiresAt: now + expiresInMs };
}

const FIELDS = ['token', 'tokenIssuedAt', 'tokenExpiresAt', 'refreshToken', 'refreshExpiresAt'] as const;

function sameSession(got: unknown, wanted: Session): boolean {
  if (typeof got !== 'object' || got === null) return false;
  return FIELDS.every((field) => (got as Session)[field] === wanted[field]);
}

function shown(value: unknown): string {
  if (typeof value === 'object' && value !== null) return 'an object';
  return typeof value === 'number' ? `${value}` : typeof value;
}

/** Checks `options.open()`'s store against every rule it can (a lease, a pause and scopes when offered); resolves to the broken ones. */
export async function checkSessionStore(options: StoreContractOptions): Promise<StoreContractFailure[]> {
  const now = options.now ?? (() => Date.now());
  const shortestMs = options.shortestExpiryMs ?? 1000;
  const toleranceMs = options.toleranceMs ?? 500;
  const failures: StoreContractFailure[] = [];
  const check = async (rule: StoreContractRule, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      failures.push({ rule, problem: error instanceof Broken ? error.message : `threw: ${error instanceof Error ? error.message : String(error)}` });
    }
  };
  const expect = (holds: boolean, problem: string): void => {
    if (!holds) throw new Broken(problem);
  };

  const probe = await answered(options.open, 'open()');
  const scoped = probe.forScope !== undefined;
  /** Two processes' views of one fresh scope (or of the store itself, when it has no scopes). */
  const pair = async (): Promise<[SessionStore, SessionStore]> => {
    const scope = freshScope();
    const [first, second] = await Promise.all([answered(options.open, 'open()'), answered(options.open, 'open()')]);
    return scoped ? [first.forScope?.(scope) ?? first, second.forScope?.(scope) ?? second] : [first, second];
  };
  const leaseOf = (store: SessionStore): SessionStoreLease => store.lease as SessionStoreLease;
  const pauseOf = (store: SessionStore): SessionStorePause => store.pause as SessionStorePause;
  const pausedUntil = async (store: SessionStore): Promise<number | undefined> => {
    const until = await answered(() => pauseOf(store).get(), 'pause.get()');
    return typeof until === 'number' && until > now() ? until : undefined;
  };
  const near = (got: number | undefined, wanted: number, what: string): void => {
    expect(got !== undefined && Math.abs(got - wanted) <= toleranceMs + 1000, `${what}: pause.get() gave ${got === undefined ? 'no pause' : `${Math.round((got - now()) / 1000)} s from now`}, expected ${Math.round((wanted - now()) / 1000)} s`);
  };

  const quick = async (): Promise<void> => {
    await check('session: round trip', async () => {
      const [a, b] = await pair();
      const session = sampleSession(now(), 3_600_000);
      await answered(() => a.set(session), 'set(session)');
      const got = await answered(() => b.get(), 'get()');
      expect(sameSession(got, session), `another process's get() gave ${shown(got)} instead of the session set`);
    });
    await check('session: cleared', async () => {
      const [a, b] = await pair();
      await answered(() => a.set(sampleSession(now(), 3_600_000)), 'set(session)');
      await answered(() => a.set(undefined), 'set(undefined)');
      const got = await answered(() => b.get(), 'get()');
      expect(got === undefined || got === null, `get() after set(undefined) gave ${shown(got)}`);
    });
    if (scoped) {
      await check('session: scopes kept apart', async () => {
        const [a] = await pair();
        const other = (await answered(options.open, 'open()')).forScope?.(freshScope());
        const unscoped = await answered(options.open, 'open()');
        await answered(() => a.set(sampleSession(now(), 3_600_000)), 'set(session)');
        for (const [name, store] of [['another scope', other], ['the unscoped store', unscoped]] as const) {
          const got = await answered(() => (store as SessionStore).get(), 'get()');
          expect(got === undefined || got === null, `${name} read the session set in one scope`);
        }
      });
    }
    if (probe.lease !== undefined) {
      await check('lease: one holder at a time', async () => {
        const [a, b] = await pair();
        const held = await answered(() => leaseOf(a).acquire(), 'lease.acquire()');
        expect(held !== undefined, 'the first acquire() of a free lease resolved undefined');
        expect((await answered(() => leaseOf(b).acquire(), 'lease.acquire()')) === undefined, 'a second process acquired a lease already held');
        await answered(() => (held as HeldLease).release(), 'release()');
        const next = await answered(() => leaseOf(b).acquire(), 'lease.acquire()');
        expect(next !== undefined, 'the lease could not be taken after its holder released it');
        await answered(() => (next as HeldLease).release(), 'release()');
      });
    }
    if (probe.pause !== undefined) {
      await check('pause: round trip', async () => {
        const [a, b] = await pair();
        const until = now() + 120_000;
        await answered(() => pauseOf(a).set(until), 'pause.set()');
        near(await pausedUntil(b), until, 'another process');
      });
      await check('pause: latest word wins', async () => {
        const [a, b] = await pair();
        await answered(() => pauseOf(a).set(now() + 600_000), 'pause.set()');
        const until = now() + 60_000;
        await answered(() => pauseOf(b).set(until), 'pause.set()');
        near(await pausedUntil(a), until, 'after a shorter pause was set');
      });
      await check('pause: clamped to an hour', async () => {
        const [a, b] = await pair();
        await answered(() => pauseOf(a).set(now() + 10 * MAX_PAUSE_MS), 'pause.set()');
        // Clamped when set or when read: still a pause, ending an hour from now.
        near(await pausedUntil(b), now() + MAX_PAUSE_MS, 'a pause set 10 hours ahead');
      });
      if (scoped) {
        await check('pause: scopes kept apart', async () => {
          const [a] = await pair();
          const other = (await answered(options.open, 'open()')).forScope?.(freshScope()) as SessionStore;
          const unscoped = await answered(options.open, 'open()');
          await answered(() => pauseOf(a).set(now() + 120_000), 'pause.set()');
          expect((await pausedUntil(other)) === undefined, 'another scope is paused by a pause set in one scope');
          expect((await pausedUntil(unscoped)) === undefined, 'the unscoped store is paused by a pause set in one scope');
        });
      }
    }
  };

  const down = async (): Promise<void> => {
    if (options.openDown === undefined) return;
    const store = await answered(options.openDown, 'openDown()');
    const at = scoped ? (store.forScope?.(freshScope()) ?? store) : store;
    await check('down: session read fails in time', async () => {
      const read = await answered(() => at.get(), 'get() while down', SESSION_TIMEOUT_MS).then(
        (got): { got: unknown } | { error: unknown } => ({ got }),
        (error: unknown) => ({ error }),
      );
      if ('got' in read) throw new Broken(`get() while down resolved (${shown(read.got)}) instead of failing: the client would log in without a warning`);
      if (read.error instanceof Broken) throw read.error;
      const write = await answered(() => at.set(sampleSession(now(), 3_600_000)), 'set() while down', SESSION_TIMEOUT_MS).catch((error: unknown) => error);
      expect(!(write instanceof Broken), (write as Error)?.message);
    });
    if (probe.lease !== undefined) {
      await check('down: no lease', async () => {
        const held = await answered(() => leaseOf(at).acquire(), 'lease.acquire() while down', SESSION_TIMEOUT_MS).catch((error: unknown) => (error instanceof Broken ? error : undefined));
        if (held instanceof Broken) throw held;
        expect(held === undefined, 'lease.acquire() while down handed out a lease: every process would log in at once');
      });
    }
    if (probe.pause !== undefined) {
      await check('down: no pause, in time', async () => {
        const until = await answered(() => pauseOf(at).get(), 'pause.get() while down', PAUSE_TIMEOUT_MS).catch((error: unknown) => (error instanceof Broken ? error : undefined));
        if (until instanceof Broken) throw until;
        expect(until === undefined || (typeof until === 'number' && until <= now()), 'pause.get() while down gave a pause');
        const write = await answered(() => pauseOf(at).set(now() + 60_000), 'pause.set() while down', PAUSE_TIMEOUT_MS).catch((error: unknown) => error);
        expect(!(write instanceof Broken), (write as Error)?.message);
      });
    }
  };

  // The rules that wait for an expiry run side by side (each in its own scope, or on its own key).
  const waiting = async (): Promise<void> => {
    const expiring: Promise<void>[] = [
      check('session: expires', async () => {
        const [a, b] = await pair();
        await answered(() => a.set(sampleSession(now(), shortestMs)), 'set(session)');
        await sleep(shortestMs + toleranceMs);
        const got = await answered(() => b.get(), 'get()');
        expect(got === undefined || got === null, `a session whose refresh token expired ${toleranceMs} ms ago is still returned`);
      }),
    ];
    if (probe.pause !== undefined) {
      expiring.push(
        check('pause: ends by itself', async () => {
          const [a, b] = await pair();
          await answered(() => pauseOf(a).set(now() + shortestMs), 'pause.set()');
          await sleep(shortestMs + toleranceMs);
          expect((await pausedUntil(b)) === undefined, `a pause that ended ${toleranceMs} ms ago is still returned`);
        }),
      );
    }
    const lease = probe.lease;
    if (lease !== undefined) {
      const leaseRules = async (): Promise<void> => {
        const ttlMs = lease.ttlMs;
        let [a, b] = await pair();
        let first: HeldLease | undefined;
        let second: HeldLease | undefined;
        await check('lease: expires by itself', async () => {
          first = await answered(() => leaseOf(a).acquire(), 'lease.acquire()');
          expect(first !== undefined, 'the first acquire() of a free lease resolved undefined');
          await sleep(ttlMs + toleranceMs);
          second = await answered(() => leaseOf(b).acquire(), 'lease.acquire()');
          expect(second !== undefined, `a lease not released is still held ${toleranceMs} ms after its ttlMs (${ttlMs} ms)`);
        });
        if (first !== undefined && second !== undefined) {
          const firstHeld = first;
          await check('lease: released by its holder only', async () => {
            await answered(() => firstHeld.release(), 'release()');
            expect((await answered(() => leaseOf(a).acquire(), 'lease.acquire()')) === undefined, "a lease that expired and was taken by another was released by its former holder's release()");
          });
          if (firstHeld.extend !== undefined) {
            await check('lease: extended by its holder only', async () => {
              expect((await answered(() => firstHeld.extend?.(), 'extend()')) === false, "extend() of a lease taken by another did not resolve false");
            });
          }
          await answered(() => (second as HeldLease).release(), 'release()').catch(() => undefined);
        }
        if (first?.extend !== undefined) {
          [a, b] = await pair();
          await check('lease: extended by its holder only', async () => {
            const held = await answered(() => leaseOf(a).acquire(), 'lease.acquire()');
            expect(held?.extend !== undefined, 'the first acquire() of a free lease resolved undefined');
            // Extended twice, two thirds of ttlMs apart: held for 4/3 ttlMs without a gap.
            for (let round = 0; round < 2; round += 1) {
              await sleep((ttlMs * 2) / 3);
              expect((await answered(() => held?.extend?.(), 'extend()')) === true, 'extend() by the holder did not resolve true');
            }
            expect((await answered(() => leaseOf(b).acquire(), 'lease.acquire()')) === undefined, 'a lease extended by its holder was taken by another after ttlMs');
            await answered(() => (held as HeldLease).release(), 'release()');
          });
        }
      };
      expiring.push(leaseRules());
    }
    await Promise.all(expiring);
  };

  // Without scopes, the checks share the store's keys: one at a time, and the session emptied first.
  await quick();
  await down();
  if (!scoped) await answered(() => probe.set(undefined), 'set(undefined)').catch(() => undefined);
  await waiting();
  return failures.sort((x, y) => x.rule.localeCompare(y.rule));
}
