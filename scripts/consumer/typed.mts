// Type-checked in the consumer project (ESM resolution): typed results, variables and codes.
import { createKrakenClient, AcceptGoodsQuoteDocument, ReconsentToPSRDocument } from 'kraken-sdk/st';
import { isKrakenError, type ErrorCodeOf } from 'kraken-sdk';
import { mockKrakenError } from 'kraken-sdk/mocks';

const client = createKrakenClient({ endpoint: 'http://127.0.0.1:4000/v1/graphql/' });
export async function accept(): Promise<string | undefined> {
  try {
    const result = await client.request(AcceptGoodsQuoteDocument, { input: { quoteId: 'q' } });
    return result.acceptGoodsQuote?.goodsPurchase?.__typename;
  } catch (error) {
    if (isKrakenError(error, AcceptGoodsQuoteDocument) && error.code === 'KT-CT-8201') return 'invalid quote';
    // The README's pattern also catches the failed login the call needed: its codes are in the union.
    if (isKrakenError(error, AcceptGoodsQuoteDocument) && error.kind === 'auth' && error.code === 'KT-CT-1138') return 'login refused';
    throw error;
  }
}
// @ts-expect-error input is required
void client.request(AcceptGoodsQuoteDocument);
void client.request(ReconsentToPSRDocument);
// @ts-expect-error KT-JP-4537 is not documented for acceptGoodsQuote
export const code: ErrorCodeOf<typeof AcceptGoodsQuoteDocument> = 'KT-JP-4537';
export const scenario = mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-8201');
// @ts-expect-error an undocumented code is refused by the mock helper too
mockKrakenError(AcceptGoodsQuoteDocument, 'KT-JP-4537');
// A login made here (ESM types) for a client built in typed.cts (CommonJS types): the two builds' types agree.
import { loginWith } from 'kraken-sdk';
import { clientWith } from './typed.cjs';
export const loggedIn = clientWith(loginWith({ apiKey: 'sk_typed' }));
// @ts-expect-error credentials are not an auth by themselves: loginWith makes one
clientWith({ apiKey: 'sk_typed' });
