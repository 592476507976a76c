// Issue 20: after isKrakenError(e, Document), e.code is honest: the operation's documented codes, the
// codes any call can meet (limits, auth, rate limit) and the login's, plus an open fallback for codes
// no page lists, so an exhaustive switch over the known codes cannot compile as if it were complete.
import { describe, expectTypeOf, it } from 'vitest';
import * as st from '../../src/brands/st.js';
import { isKrakenError } from '../../src/index.js';
import type { CommonErrorCode, ErrorCodeOf, LoginErrorCode, OtherErrorCode } from '../../src/index.js';

type AcceptCodes = ErrorCodeOf<typeof st.AcceptGoodsQuoteDocument>;

describe('isKrakenError(e, Document): e.code', () => {
  it('includes the limit codes any call can meet', () => {
    expectTypeOf<'KT-CT-1188'>().toMatchTypeOf<CommonErrorCode>();
    expectTypeOf<'KT-CT-1189'>().toMatchTypeOf<CommonErrorCode>();
    expectTypeOf<'KT-CT-1188' | 'KT-CT-1189' | 'KT-CT-1199'>().toMatchTypeOf<AcceptCodes>();
  });

  it('keeps the documented literals (autocomplete) and admits codes no page lists', () => {
    const caught: unknown = undefined;
    if (isKrakenError(caught, st.AcceptGoodsQuoteDocument)) {
      expectTypeOf(caught.code).toEqualTypeOf<AcceptCodes | LoginErrorCode | OtherErrorCode | undefined>();
      // A documented literal is still a member, so editors offer it.
      expectTypeOf<Extract<typeof caught.code, 'KT-CT-8201'>>().toEqualTypeOf<'KT-CT-8201'>();
      // A code the page never listed arrives as OtherErrorCode; as a literal it is a compile error (issue 27).
      // @ts-expect-error KT-CT-9999 is neither documented for acceptGoodsQuote nor common
      if (caught.code === 'KT-CT-9999') void caught;
      // @ts-expect-error the code is open: it does not fit the closed documented union
      const closed: AcceptCodes | LoginErrorCode | undefined = caught.code;
      void closed;
    }
  });

  it('an exhaustive switch over the documented codes does not narrow to never', () => {
    const handle = (code: AcceptCodes | LoginErrorCode | OtherErrorCode): string => {
      switch (code) {
        case 'KT-CT-8201':
          return 'invalid quote';
        default: {
          // @ts-expect-error other codes reach the default branch: it is not never
          const impossible: never = code;
          return impossible;
        }
      }
    };
    expectTypeOf(handle).returns.toBeString();
  });

  it('safeRequest errors carry the same open union', async () => {
    const client = st.createKrakenClient();
    const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, { input: {} });
    if (result.error) expectTypeOf(result.error.code).toEqualTypeOf<AcceptCodes | LoginErrorCode | OtherErrorCode | undefined>();
  });
});
