// operationTypeOf (src/core/operation-type.ts) against graphql's own parser, on documents nobody here wrote:
// fragments before the operation, comments, strings and object values holding braces and keywords.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import { operationTypeOf } from '../../src/core/operation-type.js';

const KEYWORDS = ['query', 'mutation', 'subscription', 'fragment', 'on'];
const name = fc.oneof(fc.constantFrom(...KEYWORDS.filter((word) => word !== 'on')), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/));
// Text a string or comment may hold: braces, quotes and keywords included.
const noise = fc.array(fc.constantFrom('{', '}', '(', ')', 'query', 'mutation', ' ', 'x', '\\"', '#'), { maxLength: 6 }).map((parts) => parts.join(''));
const comment = noise.map((text) => `# ${text.replace(/[\n\r]/g, '')}\n`);
const field = fc.tuple(name, noise).map(([fieldName, text]) => `${fieldName}(note: "${text}", shape: { a: [1, { b: "}" }] }) { id }`);
const selection = fc.array(field, { minLength: 1, maxLength: 2 }).map((fields) => `{ ${fields.join(' ')} }`);
const fragment = fc.tuple(name.filter((word) => word !== 'on'), name, noise, selection).map(([fragmentName, type, text, body]) => `fragment ${fragmentName} on ${type} @note(text: "${text}") ${body}\n`);
const operation = fc.tuple(fc.constantFrom('query', 'mutation', 'subscription'), name, selection, fc.boolean()).map(([type, operationName, body, shorthand]) =>
  type === 'query' && shorthand ? body : `${type} ${operationName}($input: In = { a: "{" }) ${body}`,
);
const document = fc.tuple(fc.array(fc.oneof(fragment, comment), { maxLength: 3 }), operation, fc.array(fc.oneof(fragment, comment), { maxLength: 2 })).map(([before, op, after]) => `${before.join('')}${op}\n${after.join('')}`);

describe('operationTypeOf', () => {
  it('names the type graphql parses, whatever comes before the operation', () => {
    fc.assert(
      fc.property(document, (text) => {
        const parsed = parse(text).definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
        expect(operationTypeOf(text)).toBe(parsed?.operation);
      }),
      { numRuns: 500 },
    );
  });
});
