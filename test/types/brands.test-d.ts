import { expectTypeOf, test } from 'vitest';
import * as st from '../../src/brands/st.js';
import * as oejp from '../../src/brands/oejp.js';
import { errorMessages as stErrorMessages, isUnlistedErrorCode, type UnlistedErrorCode } from '../../src/brands/st-error-messages.js';
import { isErrorMember, isKrakenError, type ErrorCodeOf, type LoginErrorCode, type OtherErrorCode, type ResultOf, type VariablesOf } from '../../src/index.js';

const stClient = st.createKrakenClient();
const oejpClient = oejp.createKrakenClient();

test('st: variables and results of sample operations', async () => {
  expectTypeOf<VariablesOf<typeof st.AcceptGoodsQuoteDocument>>().toEqualTypeOf<st.AcceptGoodsQuoteMutationVariables>();
  expectTypeOf<VariablesOf<typeof st.AcceptGoodsQuoteDocument>['input']>().toEqualTypeOf<{ [key: string]: unknown }>();
  expectTypeOf<VariablesOf<typeof st.GeneratePreSignedTokenDocument>>().toMatchTypeOf<{
    email: string;
    numberOfDaysAllowed: number;
    scope: string;
  }>();

  const accepted = await stClient.request(st.AcceptGoodsQuoteDocument, { input: { quoteId: 'q1' } });
  expectTypeOf(accepted.acceptGoodsQuote).toEqualTypeOf<st.AcceptGoodsQuoteMutation['acceptGoodsQuote']>();
  const purchase = accepted.acceptGoodsQuote?.goodsPurchase;
  expectTypeOf(purchase).toEqualTypeOf<{ __typename: 'GoodsPurchase' } | null | undefined>();

  // A mutation without arguments needs no variables; one with required arguments does.
  await stClient.request(st.ReconsentToPSRDocument);
  // @ts-expect-error input is required
  await stClient.request(st.AcceptGoodsQuoteDocument);
  // @ts-expect-error numberOfDaysAllowed must be a number
  await stClient.request(st.GeneratePreSignedTokenDocument, { email: 'a@b.c', numberOfDaysAllowed: '3', scope: 'x' });
  // @ts-expect-error unknown variable
  await stClient.request(st.ReconsentToPSRDocument, { extra: 1 });
});

test('oejp: variables and results of sample operations', async () => {
  const token = await oejpClient.request(oejp.ObtainKrakenTokenDocument, { input: { email: 'a@b.c', password: 'p' } });
  expectTypeOf(token.obtainKrakenToken?.token).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(token.obtainKrakenToken?.refreshExpiresIn).toEqualTypeOf<number | null | undefined>();
  expectTypeOf(token.obtainKrakenToken?.payload).toEqualTypeOf<unknown>();

  const created = await oejpClient.request(oejp.CreateBankTransferPaymentMethodDocument, { input: {} });
  expectTypeOf(created.createBankTransferPaymentMethod.__typename).toEqualTypeOf<'BankTransferPaymentMethodCreated' | 'CommonError'>();
  const member = created.createBankTransferPaymentMethod;
  if (isErrorMember(member)) expectTypeOf(member.__typename).toEqualTypeOf<'CommonError'>();
  else expectTypeOf(member.__typename).toEqualTypeOf<'BankTransferPaymentMethodCreated'>();
});

test('error codes are the documented union plus the common codes', () => {
  type AcceptCodes = ErrorCodeOf<typeof st.AcceptGoodsQuoteDocument>;
  expectTypeOf<'KT-CT-8201'>().toMatchTypeOf<AcceptCodes>();
  expectTypeOf<'KT-CT-1124'>().toMatchTypeOf<AcceptCodes>();
  expectTypeOf<st.AcceptGoodsQuoteErrorCode>().toMatchTypeOf<AcceptCodes>();
  // @ts-expect-error KT-JP-4537 is documented for oejp's cancelMoveOut, not for acceptGoodsQuote
  const undocumented: AcceptCodes = 'KT-JP-4537';
  void undocumented;

  const handle = (error: unknown): string => {
    if (isKrakenError(error, st.AcceptGoodsQuoteDocument)) {
      // The call's own codes, the common ones and those of the login it may have needed.
      expectTypeOf(error.code).toEqualTypeOf<AcceptCodes | LoginErrorCode | OtherErrorCode | undefined>();
      // Open: a code the page never listed can arrive, but not as a literal (issue 27: typos do not compile).
      // @ts-expect-error KT-CT-9999 is neither documented for acceptGoodsQuote nor common
      if (error.code === 'KT-CT-9999') return 'unlisted';
      if (error.code === 'KT-CT-8201') return 'invalid quote';
    }
    return 'other';
  };
  expectTypeOf(handle).returns.toBeString();
});

test('brand entry points export only their own documents', () => {
  expectTypeOf(oejp.CancelMoveOutDocument).not.toBeNever();
  // @ts-expect-error cancelMoveOut is documented for oejp only
  void st.CancelMoveOutDocument;
  // @ts-expect-error createOnSiteJobsAppointment is documented for st only
  void oejp.CreateOnSiteJobsAppointmentDocument;
  expectTypeOf<ResultOf<typeof st.CreateOnSiteJobsAppointmentDocument>>().toEqualTypeOf<st.CreateOnSiteJobsAppointmentMutation>();
});

test('the error-message table is keyed by the documented codes, and comes from its own entry point', () => {
  expectTypeOf(stErrorMessages['KT-CT-8201']).toEqualTypeOf<readonly string[]>();
  // A code st does not document may still come from a server: it indexes the table, and may find nothing.
  expectTypeOf(stErrorMessages['KT-JP-4537']).toEqualTypeOf<readonly string[] | undefined>();
  // An error's code, narrowed by a comparison, indexes it (it stays open to undocumented codes).
  const messagesOf = (error: unknown): readonly string[] | undefined =>
    st.isKrakenError(error, st.CloseOpenPrintBatchDocument) && error.code === 'KT-CT-1111' ? stErrorMessages[error.code] : undefined;
  expectTypeOf(messagesOf).returns.toEqualTypeOf<readonly string[] | undefined>();
  // @ts-expect-error the table is read-only
  stErrorMessages['KT-CT-8201'] = [];
  // @ts-expect-error the table is in `kraken-sdk/st/error-messages`, so importing `kraken-sdk/st` does not parse it
  void st.errorMessages;
});

test('st: isUnlistedErrorCode narrows a caught code to UnlistedErrorCode, the way to test for an undocumented code', () => {
  const error: unknown = undefined;
  if (isKrakenError(error, st.AcceptGoodsQuoteDocument)) {
    // @ts-expect-error a code no st operation documents cannot be compared with as a literal
    void (error.code === 'KT-XX-0000');
    if (isUnlistedErrorCode(error.code)) expectTypeOf(error.code).toEqualTypeOf<UnlistedErrorCode>();
  }
  expectTypeOf<UnlistedErrorCode>().toEqualTypeOf<OtherErrorCode>();
});
