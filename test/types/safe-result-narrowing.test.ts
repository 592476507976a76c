// safeRequest's `{ data } | { error }` narrows as the README says: by `if (r.error)` on every tsconfig, and by
// `if ('error' in r)` under exactOptionalPropertyTypes (there the data member's `error?: never` says "absent";
// without it TypeScript reads any optional property as possibly present). Checked with the compiler on both
// settings, since test/types' own tsconfig has only one; an unused @ts-expect-error is a diagnostic too.
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function diagnostics(source: string, exactOptionalPropertyTypes: boolean): string[] {
  const file = join(root, '.tmp/safe-result', `check-${exactOptionalPropertyTypes}.ts`);
  ts.sys.writeFile(file, source);
  const program = ts.createProgram({
    rootNames: [file],
    options: {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, exactOptionalPropertyTypes,
      noEmit: true, skipLibCheck: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], baseUrl: root, paths: { 'kraken-sdk': [join(root, 'src/index.ts')] },
    },
  });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => `${d.file?.getLineAndCharacterOfPosition(d.start ?? 0).line ?? -1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const EVERY_TSCONFIG = `
import type { KrakenError, SafeResult } from 'kraken-sdk';
type Account = { readonly number: string };
declare const r: SafeResult<Account, 'KT-CT-4123'>;
export function byTruthiness(): string {
  if (r.error) {
    const error: KrakenError<'KT-CT-4123'> = r.error;
    return error.message;
  }
  const data: Account = r.data;
  return data.number;
}
export function notNarrowed(): void {
  // @ts-expect-error data is undefined when the call failed
  void r.data.number;
  // @ts-expect-error error is undefined when the call succeeded
  void r.error.code;
}
export function byPresenceWhenAbsent(): string {
  if (!('error' in r)) return r.data.number;
  return '';
}
`;

const EXACT_OPTIONAL = `${EVERY_TSCONFIG}
export function byPresence(): string {
  if ('error' in r) {
    const error: KrakenError<'KT-CT-4123'> = r.error;
    return error.message;
  }
  return r.data.number;
}
export function byDataPresence(): string {
  if ('data' in r) return r.data.number;
  return r.error.message;
}
`;

describe("safeRequest's result narrows", () => {
  it("by `if ('error' in r)` and `if (r.error)` under exactOptionalPropertyTypes", () => {
    expect(diagnostics(EXACT_OPTIONAL, true)).toEqual([]);
  }, 60_000);

  it('by `if (r.error)` without exactOptionalPropertyTypes', () => {
    expect(diagnostics(EVERY_TSCONFIG, false)).toEqual([]);
  }, 60_000);
});
