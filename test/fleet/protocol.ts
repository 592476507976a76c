// Messages between a fleet test (or bench) and its worker processes.
export type FleetCommand =
  | { readonly type: 'clock'; readonly offsetMs: number }
  | { readonly type: 'burst'; readonly calls: number }
  | { readonly type: 'redis-ready' }
  /** One call, with an optional mock scenario header (e.g. `rate-limit=120`): issue 20's pause tests. */
  | { readonly type: 'call'; readonly scenario?: string | undefined }
  | { readonly type: 'exit' };

export type FleetReply =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'clock-set' }
  | { readonly type: 'redis-ready' }
  | {
      readonly type: 'call-done';
      readonly ok: boolean;
      readonly kind?: string | undefined;
      readonly retryAfterMs?: number | undefined;
      readonly mayHaveReachedServer?: boolean | undefined;
      readonly attempts?: number | undefined;
      readonly ms: number;
    }
  | {
      readonly type: 'burst-done';
      readonly ok: number;
      readonly failed: number;
      readonly failures: readonly string[];
      readonly warnings: number;
      readonly ms: number;
    };
