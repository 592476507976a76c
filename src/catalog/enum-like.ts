/**
 * A documented string that looks like an enum value (SUBMIT_METER_READINGS): the generator types such
 * an argument by it, and the mocks answer such values. One rule for both.
 */
export const ENUM_LIKE_VALUE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$|^[A-Z]{2,}$/;
