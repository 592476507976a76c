import { describe, expect, it } from 'vitest';
import { isErrorMember, KrakenError, unwrapResult } from '../../src/client/index.js';

type CreatePaymentMethodResult =
  | { readonly __typename: 'BankTransferPaymentMethod'; readonly id: string }
  | { readonly __typename: 'CommonError'; readonly message: string; readonly code: string; readonly field?: string }
  | null;

const success: CreatePaymentMethodResult = { __typename: 'BankTransferPaymentMethod', id: 'pm-1' };
const failure: CreatePaymentMethodResult = { __typename: 'CommonError', message: 'Invalid sort code.', code: 'KT-CT-5421', field: 'sortCode' };

describe('union results with an error member', () => {
  it('isErrorMember tells the error member apart', () => {
    expect(isErrorMember(success)).toBe(false);
    expect(isErrorMember(failure)).toBe(true);
    expect(isErrorMember(null)).toBe(false);
    expect(isErrorMember({ __typename: 'ValidationError', message: 'x' })).toBe(true);
  });

  it('unwrapResult returns the success member', () => {
    expect(unwrapResult(success)).toBe(success);
    expect(unwrapResult(null)).toBeNull();
  });

  it('unwrapResult throws a graphql KrakenError carrying the code, the message and the other fields', () => {
    let thrown: unknown;
    try {
      unwrapResult(failure, 'CreateBankTransferPaymentMethod');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KrakenError);
    const error = thrown as KrakenError;
    expect(error.kind).toBe('graphql');
    expect(error.code).toBe('KT-CT-5421');
    expect(error.operationName).toBe('CreateBankTransferPaymentMethod');
    expect(error.message).toContain('Invalid sort code.');
    expect(error.errors[0]?.extensions).toEqual({ errorType: 'CommonError', errorCode: 'KT-CT-5421', field: 'sortCode' });
    expect(error.data).toBe(failure);
  });
});
