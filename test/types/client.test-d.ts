import { describe, expectTypeOf, it } from 'vitest';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createKrakenClient, isErrorMember, isKrakenError, unwrapResult } from '../../src/client/index.js';
import type { CommonErrorCode, ErrorCodeOf, KrakenDocument, KrakenError, KrakenLogin, LoginErrorCode, OtherErrorCode, ResultOf, VariablesOf } from '../../src/client/index.js';
import { loginWith } from '../../src/index.js';

type Exact<T> = { [K in keyof T]: T[K] };
interface AccountResult {
  readonly account: { readonly number: string; readonly balance: number } | null;
}
type AccountVariables = Exact<{ accountNumber: string }>;
type NoVariables = Exact<{ [key: string]: never }>;
type OptionalVariables = Exact<{ first?: number | null }>;

declare const AccountDocument: KrakenDocument<AccountResult, AccountVariables, 'KT-CT-4123' | 'KT-CT-4178'>;
declare const ViewerDocument: KrakenDocument<{ readonly viewer: { readonly id: string } }, NoVariables, 'KT-CT-1111'>;
declare const ListDocument: KrakenDocument<{ readonly items: readonly string[] }, OptionalVariables, never>;
declare const PlainDocument: TypedDocumentNode<{ readonly ping: boolean }, NoVariables>;

const client = createKrakenClient({ endpoint: 'https://api.example.test/graphql/' });

describe('request typing', () => {
  it('types the result', () => {
    expectTypeOf(client.request(AccountDocument, { accountNumber: 'A-1' })).resolves.toEqualTypeOf<AccountResult>();
    expectTypeOf(client.request(PlainDocument)).resolves.toEqualTypeOf<{ readonly ping: boolean }>();
    expectTypeOf<ResultOf<typeof AccountDocument>>().toEqualTypeOf<AccountResult>();
    expectTypeOf<VariablesOf<typeof AccountDocument>>().toEqualTypeOf<AccountVariables>();
  });

  it('requires variables exactly when the operation has required ones', () => {
    // @ts-expect-error accountNumber is required
    void client.request(AccountDocument);
    // @ts-expect-error accountNumber must be a string
    void client.request(AccountDocument, { accountNumber: 1 });
    // @ts-expect-error unknown variable
    void client.request(AccountDocument, { accountNumber: 'A-1', other: true });
    void client.request(ViewerDocument);
    void client.request(ViewerDocument, {}, { signal: new AbortController().signal });
    void client.request(ListDocument);
    void client.request(ListDocument, { first: 10 });
  });

  it('safeRequest resolves to { data } | { error } with the operation codes', async () => {
    const result = await client.safeRequest(AccountDocument, { accountNumber: 'A-1' });
    if (result.error) {
      // A call can also fail with the codes of the login it needed.
      expectTypeOf(result.error.code).toEqualTypeOf<'KT-CT-4123' | 'KT-CT-4178' | CommonErrorCode | LoginErrorCode | OtherErrorCode | undefined>();
    } else {
      expectTypeOf(result.data).toEqualTypeOf<AccountResult>();
    }
    const plain = await client.safeRequest(PlainDocument);
    if (plain.error) expectTypeOf(plain.error.code).toEqualTypeOf<string | undefined>();
  });
});

describe('error code typing', () => {
  it('ErrorCodeOf adds the common codes; plain documents give string', () => {
    expectTypeOf<ErrorCodeOf<typeof AccountDocument>>().toEqualTypeOf<'KT-CT-4123' | 'KT-CT-4178' | CommonErrorCode>();
    expectTypeOf<ErrorCodeOf<typeof ListDocument>>().toEqualTypeOf<CommonErrorCode>();
    expectTypeOf<ErrorCodeOf<typeof PlainDocument>>().toEqualTypeOf<string>();
  });

  it('isKrakenError narrows code to the operation codes', () => {
    const caught: unknown = new Error('x');
    if (isKrakenError(caught, AccountDocument)) {
      expectTypeOf(caught.code).toEqualTypeOf<'KT-CT-4123' | 'KT-CT-4178' | CommonErrorCode | LoginErrorCode | OtherErrorCode | undefined>();
      // An open code does not narrow to the literal (string & {} stays), but compares.
      if (caught.code === 'KT-CT-4123') expectTypeOf(caught.code).toMatchTypeOf<string>();
      // A literal no page lists is a typo or a guess: it does not compile (issue 27; see typo-proof-codes.test-d.ts).
      // @ts-expect-error KT-GB-9999 is not a code of this document
      if (caught.code === 'KT-GB-9999') void caught;
    }
    if (isKrakenError(caught)) {
      expectTypeOf(caught).toEqualTypeOf<KrakenError>();
      expectTypeOf(caught.code).toEqualTypeOf<string | undefined>();
      expectTypeOf(caught.kind).toEqualTypeOf<'graphql' | 'auth' | 'rate-limit' | 'network' | 'http' | 'store'>();
    }
  });
});

describe('error members', () => {
  type Result = { __typename: 'BankTransferPaymentMethod'; id: string } | { __typename: 'CommonError'; message: string; code: string };
  it('narrows unions', () => {
    const value = {} as Result;
    if (isErrorMember(value)) expectTypeOf(value).toEqualTypeOf<{ __typename: 'CommonError'; message: string; code: string }>();
    expectTypeOf(unwrapResult(value)).toEqualTypeOf<{ __typename: 'BankTransferPaymentMethod'; id: string }>();
  });
});

describe('options', () => {
  it('accepts each kind of auth and rejects mixtures of nothing', () => {
    createKrakenClient({ endpoint: 'x', auth: loginWith({ email: 'e', password: 'p' }) });
    createKrakenClient({ endpoint: 'x', auth: loginWith({ apiKey: 'k' }) });
    createKrakenClient({ endpoint: 'x', auth: { getToken: () => Promise.resolve('t') } });
    // @ts-expect-error email needs a password
    loginWith({ email: 'e' });
    // @ts-expect-error two kinds at once
    loginWith({ apiKey: 'k', refreshToken: 'r' });
    // @ts-expect-error two kinds at once
    loginWith({ email: 'e', password: 'p', apiKey: 'k' });
    // @ts-expect-error credentials are not an auth by themselves: loginWith makes one
    createKrakenClient({ endpoint: 'x', auth: { apiKey: 'k' } });
    // @ts-expect-error a look-alike of a login is not one
    createKrakenClient({ endpoint: 'x', auth: { login: 'apiKey' } });
    expectTypeOf(loginWith({ apiKey: 'k' })).toEqualTypeOf<KrakenLogin<'apiKey'>>();
    expectTypeOf(loginWith({ email: 'e', password: 'p' })).toEqualTypeOf<KrakenLogin<'email'>>();
    const keyLogins: KrakenLogin<'apiKey' | 'email'> = loginWith({ apiKey: 'k' });
    // @ts-expect-error a brand whose login takes no refresh token
    const noRefresh: KrakenLogin<'apiKey' | 'email'> = loginWith({ refreshToken: 'r' });
    void [keyLogins, noRefresh];
  });
});

describe('loginDocument', () => {
  it('accepts a codegen-shaped brand ObtainKrakenToken document', () => {
    type Input = { email?: string | null; password?: string | null; APIKey?: string | null; refreshToken?: string | null };
    type BrandLoginResult = {
      __typename?: 'Mutation';
      obtainKrakenToken?: {
        __typename?: 'ObtainJSONWebToken';
        token: string;
        payload: unknown;
        refreshToken?: string | null;
        refreshExpiresIn?: number | null;
        possibleErrors?: Array<{ __typename?: 'PossibleErrorType'; code?: string | null } | null> | null;
      } | null;
    };
    const brandLogin = {} as KrakenDocument<BrandLoginResult, Exact<{ input: Input }>, 'KT-CT-1134' | 'KT-CT-1135'>;
    createKrakenClient({ endpoint: 'x', auth: loginWith({ apiKey: 'k' }), loginDocument: brandLogin });
    expectTypeOf(client.request(brandLogin, { input: { APIKey: 'k' } })).resolves.toEqualTypeOf<BrandLoginResult>();
    const wrong = {} as KrakenDocument<{ viewer: { id: string } | null }, NoVariables, never>;
    // @ts-expect-error not a login document
    createKrakenClient({ endpoint: 'x', loginDocument: wrong });
  });
});
