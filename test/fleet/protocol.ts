// Messages between a fleet test (or bench) and its worker processes.
export type FleetCommand =
  | { readonly type: 'clock'; readonly offsetMs: number }
  | { readonly type: 'burst'; readonly calls: number }
  | { readonly type: 'redis-ready' }
  | { readonly type: 'exit' };

export type FleetReply =
  | { readonly type: 'ready'; readonly pid: number }
  | { readonly type: 'clock-set' }
  | { readonly type: 'redis-ready' }
  | {
      readonly type: 'burst-done';
      readonly ok: number;
      readonly failed: number;
      readonly failures: readonly string[];
      readonly warnings: number;
      readonly ms: number;
    };
