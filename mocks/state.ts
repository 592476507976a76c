import type { EndpointKind } from '../src/catalog/types.js';

/** One request the mock answered. Holds no secrets (no headers, no variables). */
export interface KrakenMockRequestRecord {
  readonly endpoint: EndpointKind;
  readonly operationName: string | null;
  /** Root fields requested, e.g. ["obtainKrakenToken"]. */
  readonly fields: readonly string[];
  readonly status: number;
  /** KT codes in the response's errors, in order. */
  readonly errorCodes: readonly string[];
  /** Whether the request carried an Authorization header. */
  readonly hadAuthorization: boolean;
}

/** What tests inspect: the request log and auth counters. */
export class KrakenMockState {
  #requests: KrakenMockRequestRecord[] = [];
  #obtainKrakenTokenCalls = 0;
  #issuedTokens = 0;
  readonly #onReset: () => void;
  readonly #logLimit: number;
  readonly #liveRefreshGrants: () => number;

  /** `logLimit`: how many recent requests are kept, so a long-running mock server does not grow. */
  constructor(onReset: () => void = () => {}, logLimit = 1000, liveRefreshGrants: () => number = () => 0) {
    if (!Number.isInteger(logLimit) || logLimit < 0) throw new RangeError(`requestLogLimit must be a non-negative integer, got ${String(logLimit)}.`);
    this.#onReset = onReset;
    this.#logLimit = logLimit;
    this.#liveRefreshGrants = liveRefreshGrants;
  }

  /** Refresh tokens the mock still honours (bounded: expired and oldest ones are pruned). */
  get refreshGrants(): number {
    return this.#liveRefreshGrants();
  }

  /** The most recent requests (at most `requestLogLimit`, default 1,000), oldest first. */
  get requests(): readonly KrakenMockRequestRecord[] {
    return this.#requests;
  }

  /** Calls of the obtainKrakenToken field, successful or not. */
  get obtainKrakenTokenCalls(): number {
    return this.#obtainKrakenTokenCalls;
  }

  /** Access tokens issued (logins and refreshes). */
  get issuedTokens(): number {
    return this.#issuedTokens;
  }

  /** How many of the logged requests named `operationName` (or requested that root field). */
  countOf(operationNameOrField: string): number {
    return this.#requests.filter(
      (record) => record.operationName === operationNameOrField || record.fields.includes(operationNameOrField),
    ).length;
  }

  /** Clears the log and counters and forgets issued refresh tokens. */
  reset(): void {
    this.#requests = [];
    this.#obtainKrakenTokenCalls = 0;
    this.#issuedTokens = 0;
    this.#onReset();
  }

  record(entry: KrakenMockRequestRecord): void {
    if (this.#logLimit === 0) return;
    if (this.#requests.length >= this.#logLimit) this.#requests.splice(0, this.#requests.length - this.#logLimit + 1);
    this.#requests.push(entry);
  }

  countObtainCall(issued: boolean): void {
    this.#obtainKrakenTokenCalls += 1;
    if (issued) this.#issuedTokens += 1;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }

  toJSON(): object {
    return { requests: this.#requests, obtainKrakenTokenCalls: this.#obtainKrakenTokenCalls, issuedTokens: this.#issuedTokens };
  }
}
