// `kraken-sdk/oejp/error-messages`: each documented KT code of oejp with its documented message(s). An entry point
// of its own, so importing `kraken-sdk/oejp` does not parse the table (about 3M instructions, 1.5 ms on Node 24).
// isUnlistedErrorCode reads the table, so it lives here too (a generated module exports both from one file).
export { errorMessages, isUnlistedErrorCode, type DocumentedErrorCode, type UnlistedErrorCode } from '../generated/oejp/error-codes.js';
