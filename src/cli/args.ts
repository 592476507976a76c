import { closestName } from '../client/closest-name.js';

/** A command-line mistake: the message names the flag; the CLI exits with status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface FlagSpec {
  /** Flags that take a value (--name value or --name=value). */
  values: readonly string[];
  /** Flags without a value. */
  switches?: readonly string[];
}

export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
}

/** Strict flag parsing: unknown flags, missing values and repeats are UsageErrors naming the flag. */
export function parseFlags(argv: readonly string[], spec: FlagSpec): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) throw new UsageError(`Unexpected argument "${argument}".`);
    const [flag = '', inlineValue] = argument.slice(2).split(/=(.*)/s, 2);
    if (spec.switches?.includes(flag)) {
      if (inlineValue !== undefined) throw new UsageError(`Flag --${flag} takes no value.`);
      switches.add(flag);
      continue;
    }
    if (!spec.values.includes(flag)) {
      const suggestion = closestName(flag, [...spec.values, ...(spec.switches ?? [])]);
      throw new UsageError(`Unknown flag --${flag}.${suggestion ? ` Did you mean --${suggestion}?` : ''}`);
    }
    if (values.has(flag)) throw new UsageError(`Flag --${flag} given more than once.`);
    const value = inlineValue ?? argv[index + 1];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new UsageError(`Flag --${flag} needs a value.`);
    }
    if (inlineValue === undefined) index += 1;
    values.set(flag, value);
  }
  return { values, switches };
}

/** An integer flag within [min, max]. */
export function integerFlag(flags: ParsedFlags, name: string, min: number, max: number): number | undefined {
  const raw = flags.values.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(`Flag --${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}
