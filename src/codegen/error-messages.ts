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

/** Runtime table: documented code -> documented message(s), and the union of the brand's codes. */
export function renderErrorCodes(catalog: Catalog): string {
  const messages = collectErrorMessages(catalog);
  const entries = [...messages].map(([code, texts]) => `  ${JSON.stringify(code)}: ${JSON.stringify(texts)},`);
  return [
    GENERATED_TS_HEADER,
    '',
    `/** Every KT error code documented for at least one ${catalog.brand} mutation. */`,
    `export type DocumentedErrorCode = ${[...messages.keys()].map((code) => `'${code}'`).join(' | ') || 'never'};`,
    '',
    '/** The documented message(s) of each code, as the reference page gives them. */',
    'export const errorMessages: { readonly [Code in DocumentedErrorCode]: readonly string[] } = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}
