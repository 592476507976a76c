// Type-checked with skipLibCheck off under each msw major: kraken-sdk/mocks' declarations name only what that msw exports.
import type { HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { krakenHandlers, mockKrakenError } from 'kraken-sdk/mocks';
import { AcceptGoodsQuoteDocument } from 'kraken-sdk/st';

const handlers: HttpHandler[] = krakenHandlers({ brand: 'st' });
export const server = setupServer(...handlers, mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-8201'));
// @ts-expect-error only the codes AcceptGoodsQuote documents compile
mockKrakenError(AcceptGoodsQuoteDocument, 'KT-CT-0000');
