import type { Catalog } from '../catalog/types.js';
import { GENERATED_TS_HEADER } from './codegen-config.js';

/** Every documented code of a brand with its documented messages (a code can carry different messages on different operations). */
export function collectErrorMessages(catalog: Catalog): Map<string, string[]> {
  const messages = new Map<string, string[]>();
  for (const operation of catalog.operations) {
    for (const { code, message } of operation.errors) {
      const known = messages.get(code) ?? [];
      if (!known.includes(message)) known.push(message);
      messages.set(code, known);
    }
  }
  return new Map([...messages].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

/**
 * JSON as a single-quoted string literal, one line per code in the generated file (line continuations
 * add nothing to the value). Apostrophes are JSON escapes, so a bundler reprints it as a plain string:
 * with both quote marks inside, esbuild would choose a template literal, which V8 scans 2x slower.
 */
function jsonStringLiteral(lines: readonly string[]): string {
  const escape = (line: string): string => line.replace(/\\/g, '\\\\').replace(/'/g, '\\\\u0027');
  return `'${lines.map(escape).join('\\\n')}'`;
}

/**
 * Runtime table: documented code -> documented message(s), and the union of the brand's codes. The
 * table is JSON parsed on import: as an object literal of 651 codes it took about a fifth of
 * `kraken-sdk/st`'s cold import to compile; JSON.parse builds the same object for a fraction of that.
 */
export function renderErrorCodes(catalog: Catalog): string {
  const messages = collectErrorMessages(catalog);
  const entries = [...messages].map(([code, texts], index) => `${JSON.stringify(code)}:${JSON.stringify(texts)}${index < messages.size - 1 ? ',' : ''}`);
  return [
    GENERATED_TS_HEADER,
    "import type { OtherErrorCode } from '../../core/document.js';",
    '',
    `/** Every KT error code documented for at least one ${catalog.brand} mutation. */`,
    `export type DocumentedErrorCode = ${[...messages.keys()].map((code) => `'${code}'`).join(' | ') || 'never'};`,
    '',
    '/**',
    ' * The documented message(s) of each code, as the reference page gives them. Any code string indexes it (a',
    " * KrakenError's `code`, even narrowed, stays open to undocumented codes): those give `undefined`, a code",
    ' * named like an Object.prototype member (`constructor`) too: the table has no prototype.',
    ' */',
    // Without a prototype: a server may send any code, and 'constructor' or 'toString' must give undefined too.
    `export const errorMessages: { readonly [Code in DocumentedErrorCode]: readonly string[] } & { readonly [code: string]: readonly string[] | undefined } = /* @__PURE__ */ Object.setPrototypeOf(/* @__PURE__ */ JSON.parse(${jsonStringLiteral(['{', ...entries, '}'])}), null);`,
    '',
    UNLISTED_GUARD,
  ].join('\n');
}

/** CommonErrorCode's and LoginErrorCode's members (src/core): codes any call may meet. */
const COMMON_AND_LOGIN_CODES = ['KT-CT-1111', 'KT-CT-1112', 'KT-CT-1113', 'KT-CT-1124', 'KT-CT-1134', 'KT-CT-1135', 'KT-CT-1138', 'KT-CT-1139', 'KT-CT-1188', 'KT-CT-1189', 'KT-CT-1199'];

/** The test for codes no operation lists (OtherErrorCode, which no literal matches), beside the table it reads. */
const UNLISTED_GUARD = `/** A code no operation of this module lists, nor a common one (auth, limits, rate limit, login). */
export type UnlistedErrorCode = OtherErrorCode;

const COMMON_CODES: ReadonlySet<string> = new Set(${JSON.stringify(COMMON_AND_LOGIN_CODES)});

/**
 * True for a code no operation of this module lists and no call commonly meets: the way to test for one,
 * since comparing \`e.code\` with an unlisted literal does not compile (typos cannot hide there).
 */
export function isUnlistedErrorCode(code: string | undefined): code is UnlistedErrorCode {
  return typeof code === 'string' && errorMessages[code] === undefined && !COMMON_CODES.has(code);
}
`;
