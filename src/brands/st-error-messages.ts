// `kraken-sdk/st/error-messages`: each documented KT code of st with its documented message(s). An entry point
// of its own, so importing `kraken-sdk/st` does not parse the table (about 3M instructions, 1.5 ms on Node 24).
export { errorMessages, type DocumentedErrorCode } from '../generated/st/error-codes.js';
