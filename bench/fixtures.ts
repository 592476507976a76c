// Fixed inputs and answers shared by the suites.
export const ENDPOINT = 'https://api.st.kraken.tech/v1/graphql/';

export const acceptGoodsQuoteVariables = { input: { quoteId: 'quote-123', ledgerId: 'ledger-456', accountNumber: 'A-12345678' } };

/** A Kraken-shaped success answer for AcceptGoodsQuote. */
export const acceptGoodsQuoteResponse = {
  data: {
    acceptGoodsQuote: {
      possibleErrors: [{ __typename: 'PossibleErrorType' }],
      goodsPurchase: { __typename: 'GoodsPurchase' },
    },
  },
};
