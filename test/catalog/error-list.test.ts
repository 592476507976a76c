// One reading of "The possible errors that can be raised are:" for pages and schema descriptions:
// real schemas list the codes on one line (` - KT-CT-8223: … - KT-CT-8201: …`), pages one per line.
import { describe, expect, it } from 'vitest';
import { errorsFromDescription, parseErrorList } from '../../src/catalog/error-list.js';

const ONE_LINE =
  'Accept a quote for goods.\n\nThe possible errors that can be raised are: - KT-CT-8223: Unauthorized. - KT-CT-8201: Received an invalid quote code. - KT-CT-1113: Disabled GraphQL field requested.';
const ONE_PER_LINE = `Accept a quote for goods.

The possible errors that can be raised are:

- KT-CT-8223: Unauthorized.
- KT-CT-8201: Received an invalid
quote code.
- KT-CT-1113: Disabled GraphQL field requested.

This field requires the manage-quotes permission.`;

describe('errors listed in a schema description', () => {
  it('reads the one-line form: every code with its message', () => {
    expect(errorsFromDescription(ONE_LINE)).toEqual([
      { code: 'KT-CT-8223', message: 'Unauthorized.' },
      { code: 'KT-CT-8201', message: 'Received an invalid quote code.' },
      { code: 'KT-CT-1113', message: 'Disabled GraphQL field requested.' },
    ]);
  });

  it('reads the one-per-line form the same, a message broken over lines joined, the paragraph after the list left out', () => {
    expect(errorsFromDescription(ONE_PER_LINE)).toEqual(errorsFromDescription(ONE_LINE));
  });

  it('a message holding a dash and a code-like word is not split', () => {
    expect(errorsFromDescription('The possible errors that can be raised are: - KT-CT-4123: Unauthorized - see KT docs. - KT-CT-1111: Unauthorized.')).toEqual([
      { code: 'KT-CT-4123', message: 'Unauthorized - see KT docs.' },
      { code: 'KT-CT-1111', message: 'Unauthorized.' },
    ]);
  });

  it('lists each code once (first message kept), and nothing without the marker', () => {
    expect(errorsFromDescription('The possible errors that can be raised are: - KT-CT-1111: A. - KT-CT-1111: B.')).toEqual([{ code: 'KT-CT-1111', message: 'A.' }]);
    expect(errorsFromDescription('Mentions KT-CT-1111 but lists nothing.')).toEqual([]);
    expect(errorsFromDescription(null)).toEqual([]);
  });
});

describe('the list on a page', () => {
  it('keeps repeats and each item’s first line, and names a line it cannot read', () => {
    const list = parseErrorList(['', '- KT-CT-1111: Unauthorized.', '- KT-CT-1111: Again', 'continued.', '- not a code']);
    expect(list.items).toEqual([
      { code: 'KT-CT-1111', message: 'Unauthorized.', line: 1 },
      { code: 'KT-CT-1111', message: 'Again continued.', line: 2 },
    ]);
    expect(list.unreadable).toEqual({ line: 4, text: '- not a code' });
    expect(parseErrorList(['text before any code']).unreadable).toEqual({ line: 0, text: 'text before any code' });
  });
});
