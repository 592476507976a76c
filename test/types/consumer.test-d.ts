// Done criterion 5, type level, written as a consumer imports the package: scenario helpers only accept
// the codes and result shapes the operation documents.
import { expectTypeOf, test } from 'vitest';
import type { HttpHandler } from 'msw';
import type { ErrorCodeOf, KrakenError, LoginErrorCode, OtherErrorCode, ResultOf, VariablesOf } from 'kraken-sdk';
import { isKrakenError } from 'kraken-sdk';
import { krakenHandlers, mockKrakenError, mockKrakenRateLimit, mockKrakenResult } from 'kraken-sdk/mocks';
import * as st from 'kraken-sdk/st';
import * as oejp from 'kraken-sdk/oejp';
import { startMockKrakenServer } from 'kraken-sdk/mocks/node';

test('mockKrakenError takes the operation documented codes and the common ones', () => {
  expectTypeOf(mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-8201')).toEqualTypeOf<HttpHandler>();
  mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1199');
  mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1124');
  mockKrakenError(oejp.CreateMfaDeviceDocument, 'KT-CT-1153', { extensions: { anything: 1 }, message: 'x', once: true, endpoint: oejp.endpoints.auth });
  // @ts-expect-error KT-CT-4178 is documented for associateCallWithAccount, not acceptGoodsQuote
  mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-4178');
  // @ts-expect-error KT-CT-1153 belongs to createMfaDevice
  mockKrakenError(st.AcceptGoodsQuoteDocument, 'KT-CT-1153');
  // @ts-expect-error not a Kraken code
  mockKrakenError(st.AcceptGoodsQuoteDocument, 'oops');
  expectTypeOf<ErrorCodeOf<typeof st.AcceptGoodsQuoteDocument>>().toEqualTypeOf<st.AcceptGoodsQuoteErrorCode | 'KT-CT-1124' | 'KT-CT-1188' | 'KT-CT-1189' | 'KT-CT-1199'>();
});

test('mockKrakenResult requires the operation result shape', () => {
  mockKrakenResult(st.AcceptGoodsQuoteDocument, { acceptGoodsQuote: { possibleErrors: [], goodsPurchase: { __typename: 'GoodsPurchase' } } });
  mockKrakenResult(st.AcceptGoodsQuoteDocument, { acceptGoodsQuote: null });
  // @ts-expect-error the root field is missing
  mockKrakenResult(st.AcceptGoodsQuoteDocument, {});
  // @ts-expect-error goodsPurchase's __typename is the literal 'GoodsPurchase'
  mockKrakenResult(st.AcceptGoodsQuoteDocument, { acceptGoodsQuote: { possibleErrors: [], goodsPurchase: { __typename: 'Other' } } });
  // @ts-expect-error another operation's result
  mockKrakenResult(st.AcceptGoodsQuoteDocument, { createMfaDevice: null });
  // @ts-expect-error deviceEmail is a string
  mockKrakenResult(oejp.CreateMfaDeviceDocument, { createMfaDevice: { deviceEmail: 1, devicePhone: null, totpSecret: null, possibleErrors: null } });
  mockKrakenRateLimit(st.AcceptGoodsQuoteDocument, { retryAfterSeconds: 1, status: 429 });
});

test('mockKrakenResult does not ask for deprecated fields', () => {
  // possibleErrors is deprecated on every payload; passwordUpdated, failureReasons and failureCodes on resetUserPassword.
  mockKrakenResult(st.AcceptGoodsQuoteDocument, { acceptGoodsQuote: { goodsPurchase: { __typename: 'GoodsPurchase' } } });
  mockKrakenResult(st.ObtainKrakenTokenDocument, { obtainKrakenToken: { token: 'jwt', refreshToken: 'refresh', refreshExpiresIn: 604800 } });
  mockKrakenResult(st.ResetUserPasswordDocument, { resetUserPassword: { userId: '1' } });
  // @ts-expect-error a field the operation does not select
  mockKrakenResult(st.ObtainKrakenTokenDocument, { obtainKrakenToken: { token: 'jwt', refreshTokn: 'refresh' } });
  // @ts-expect-error a field left out still cannot have the wrong type when written
  mockKrakenResult(st.ResetUserPasswordDocument, { resetUserPassword: { passwordUpdated: 'yes' } });
  // @ts-expect-error the root field is still required (null says "nothing")
  mockKrakenResult(st.ResetUserPasswordDocument, {});
});

test('what a consumer gets back from the client and the error guard', async () => {
  const client = st.createKrakenClient();
  expectTypeOf(client.request(st.AcceptGoodsQuoteDocument, { input: {} })).resolves.toEqualTypeOf<ResultOf<typeof st.AcceptGoodsQuoteDocument>>();
  expectTypeOf<VariablesOf<typeof st.AcceptGoodsQuoteDocument>>().toEqualTypeOf<st.AcceptGoodsQuoteMutationVariables>();
  // @ts-expect-error variables are required for acceptGoodsQuote
  void client.request(st.AcceptGoodsQuoteDocument);
  const result = await client.safeRequest(st.AcceptGoodsQuoteDocument, { input: {} });
  if (result.error) expectTypeOf(result.error.code).toEqualTypeOf<st.AcceptGoodsQuoteErrorCode | 'KT-CT-1124' | 'KT-CT-1188' | 'KT-CT-1189' | 'KT-CT-1199' | LoginErrorCode | OtherErrorCode | undefined>();
  const caught: unknown = undefined;
  if (isKrakenError(caught, st.AcceptGoodsQuoteDocument)) {
    expectTypeOf(caught).toEqualTypeOf<KrakenError<st.AcceptGoodsQuoteErrorCode | 'KT-CT-1124' | 'KT-CT-1188' | 'KT-CT-1189' | 'KT-CT-1199' | LoginErrorCode | OtherErrorCode>>();
  }
});

test('handlers and the node server', () => {
  expectTypeOf(krakenHandlers({ brand: 'oejp', now: () => 0 })).toEqualTypeOf<HttpHandler[]>();
  // @ts-expect-error not a shipped brand
  krakenHandlers({ brand: 'eon' });
  expectTypeOf(startMockKrakenServer({ brand: 'oejp', port: 0 })).resolves.toHaveProperty('authUrl').toEqualTypeOf<string | undefined>();
});
