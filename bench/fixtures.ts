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

function base64Url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token valid for a year (the client reads `exp`/`iat`; nobody verifies the signature). */
export function benchToken(): string {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return `${base64Url({ alg: 'HS256', typ: 'JWT' })}.${base64Url({ sub: 'bench', iat: nowSeconds, exp: nowSeconds + 365 * 24 * 3600 })}.c2lnbmF0dXJl`;
}

export function loginResponse(token: string): unknown {
  return {
    data: {
      obtainKrakenToken: {
        token,
        payload: {},
        refreshToken: 'bench-refresh-token',
        refreshExpiresIn: Math.floor(Date.now() / 1000) + 7 * 24 * 3600,
      },
    },
  };
}
