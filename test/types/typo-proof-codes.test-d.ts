// Issue 27.3: after isKrakenError(e, Document), a literal that is neither listed for the document nor
// common does not compile (a typo such as KT-CT-8202 for 8201 cannot hide), while a code no page lists
// still has a type: OtherErrorCode, a string, reached by a switch's default and by a string comparison.
import { describe, expectTypeOf, it } from 'vitest';
import * as st from '../../src/brands/st.js';
import { isKrakenError, type OtherErrorCode } from '../../src/index.js';

describe('typo-proof error codes', () => {
  it('a typo of a listed code fails to compile; listed and common codes compare', () => {
    const caught: unknown = undefined;
    if (isKrakenError(caught, st.AcceptGoodsQuoteDocument)) {
      if (caught.code === 'KT-CT-8201') expectTypeOf(caught.code).toEqualTypeOf<'KT-CT-8201'>();
      if (caught.code === 'KT-CT-1188') expectTypeOf(caught.code).toEqualTypeOf<'KT-CT-1188'>();
      // @ts-expect-error KT-CT-8202 (a typo of 8201) is neither documented for acceptGoodsQuote nor common
      if (caught.code === 'KT-CT-8202') void caught;
    }
  });

  it('an unlisted code is still representable: a string, the default branch, a comparison with a string', () => {
    expectTypeOf<OtherErrorCode>().toMatchTypeOf<string>();
    const describe = (code: ErrorCode): string => {
      switch (code) {
        case 'KT-CT-8201':
          return 'invalid quote';
        default: {
          const unlisted: string = code;
          return unlisted;
        }
      }
    };
    type ErrorCode = 'KT-CT-8201' | OtherErrorCode;
    expectTypeOf(describe).returns.toBeString();
    const caught: unknown = undefined;
    const fromConfig: string = 'KT-XX-0001';
    if (isKrakenError(caught, st.AcceptGoodsQuoteDocument) && caught.code === fromConfig) expectTypeOf(caught.code).toMatchTypeOf<string>();
  });
});
