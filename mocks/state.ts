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

  constructor(onReset: () => void = () => {}) {
    this.#onReset = onReset;
  }

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

  /** How many requests named `operationName` (or requesting that root field) were answered. */
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
