import type { OperationDefinitionNode } from 'graphql';
import { getLocation } from 'graphql';

/** The header that chooses a scenario for one request, e.g. from curl or an app in another language. */
export const SCENARIO_HEADER = 'x-kraken-mock-scenario';
/** Longest delay a scenario may ask for, so a typo cannot hang a test run. */
export const MAX_SCENARIO_DELAY_MS = 60_000;

export interface HeaderScenario {
  /** Answer with this Kraken error code on the first root field. */
  errorCode?: string;
  /** Answer KT-CT-1199 "Too many requests." with Retry-After. */
  rateLimit?: boolean;
  /** The Retry-After of `rate-limit=<seconds>` (default 60). */
  retryAfterSeconds?: number;
  /** Wait this long before answering. */
  delayMs?: number;
}

export type ScenarioParse = { ok: true; scenario: HeaderScenario } | { ok: false; message: string };

const ERROR_CODE = /^KT-[A-Z]+-\d{4}$/;

/** Parses `error=KT-CT-4180`, `rate-limit` (or `rate-limit=120`: Retry-After seconds), `delay=500`, or several joined by commas. */
export function parseScenarioHeader(value: string): ScenarioParse {
  const scenario: HeaderScenario = {};
  for (const part of value.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [name = '', argument] = part.split('=', 2).map((item) => item.trim());
    if (name === 'error' && argument !== undefined && ERROR_CODE.test(argument)) scenario.errorCode = argument;
    else if (name === 'rate-limit' && (argument === undefined || /^\d{1,6}$/.test(argument))) {
      scenario.rateLimit = true;
      if (argument !== undefined) scenario.retryAfterSeconds = Number(argument);
    }
    else if (name === 'delay' && argument !== undefined && /^\d+$/.test(argument) && Number(argument) <= MAX_SCENARIO_DELAY_MS) scenario.delayMs = Number(argument);
    else {
      return {
        ok: false,
        message: `${SCENARIO_HEADER}: cannot read "${part.slice(0, 60)}"; use error=KT-XX-NNNN, rate-limit[=<Retry-After seconds>] or delay=<ms up to ${MAX_SCENARIO_DELAY_MS}>, joined by commas.`,
      };
    }
  }
  return { ok: true, scenario };
}

/** Where a Kraken error on the operation's first root field points: its response key and location. */
export function firstRootField(operation: OperationDefinitionNode): { key: string; field: string; locations: Array<{ line: number; column: number }> } | undefined {
  const field = operation.selectionSet.selections.find((selection) => selection.kind === 'Field');
  if (field?.kind !== 'Field') return undefined;
  const location = field.loc ? getLocation(field.loc.source, field.loc.start) : undefined;
  return { key: (field.alias ?? field.name).value, field: field.name.value, locations: location ? [location] : [] };
}
