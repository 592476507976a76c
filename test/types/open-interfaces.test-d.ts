import { expectTypeOf, test } from 'vitest';
import type * as st from '../../src/brands/st.js';
import type * as oejp from '../../src/brands/oejp.js';
import type { ResultOf } from '../../src/index.js';

// Fields typed by an undocumented `…Interface`: the server sends the name of an implementing object
// type, which the pages never give, so `__typename` is a string, not the interface's own name.
type Account<R, P extends keyof R> = NonNullable<NonNullable<R[P]> extends { account: infer A } ? A : never>;

test('st: every field typed by AccountInterface or CallInterface has __typename: string', () => {
  type Billing = ResultOf<typeof st.UpdateAccountBillingEmailDocument>;
  expectTypeOf<Account<Billing, 'updateAccountBillingEmail'>['__typename']>().toEqualTypeOf<string>();
  type Comms = ResultOf<typeof st.UpdateCommsDeliveryPreferenceDocument>;
  expectTypeOf<Account<Comms, 'updateCommsDeliveryPreference'>['__typename']>().toEqualTypeOf<string>();
  type Shell = ResultOf<typeof st.CreateShellAccountDocument>;
  expectTypeOf<Account<Shell, 'createShellAccount'>['__typename']>().toEqualTypeOf<string>();
  type Call = NonNullable<NonNullable<ResultOf<typeof st.CreateCallMetadataDocument>['createCallMetadata']>['call']>;
  expectTypeOf<Call['__typename']>().toEqualTypeOf<string>();
  expectTypeOf<st.AccountInterfaceFragment['__typename']>().toEqualTypeOf<string>();
  expectTypeOf<st.CallInterfaceFragment['__typename']>().toEqualTypeOf<string>();
  // Documented object types keep their literal.
  type Purchase = NonNullable<NonNullable<ResultOf<typeof st.AcceptGoodsQuoteDocument>['acceptGoodsQuote']>['goodsPurchase']>;
  expectTypeOf<Purchase['__typename']>().toEqualTypeOf<'GoodsPurchase'>();
});

test('oejp: every field typed by AccountInterface has __typename: string', () => {
  type Billing = ResultOf<typeof oejp.UpdateAccountBillingEmailDocument>;
  expectTypeOf<Account<Billing, 'updateAccountBillingEmail'>['__typename']>().toEqualTypeOf<string>();
  type Comms = ResultOf<typeof oejp.UpdateCommsDeliveryPreferenceDocument>;
  expectTypeOf<Account<Comms, 'updateCommsDeliveryPreference'>['__typename']>().toEqualTypeOf<string>();
  expectTypeOf<oejp.AccountInterfaceFragment['__typename']>().toEqualTypeOf<string>();
});
