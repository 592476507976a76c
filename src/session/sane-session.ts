// What a session may hold: expiries within sane bounds (clamped when the server sends more, refused
// when a store holds more), and a token of the kind the server issues. A store is shared, so what it
// holds is checked before it is trusted (issue 19).
import { decodeJwtClaims, timeClaim } from './jwt.js';
import type { Session } from './types.js';

/** The furthest ahead any expiry is kept: a year and a day, 366 × 86,400,000 (Kraken's refresh tokens live days). */
export const MAX_SESSION_LIFETIME_MS = 31_622_400_000;
/** How far a stored expiry may exceed this process's bound (another process's clock, a moment later). */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * What a token may be made of: visible ASCII, as a JWT's base64url parts and any bearer token are (RFC 6750). One
 * holding CR/LF, a space or a non-ASCII character cannot go into the Authorization header: every call would fail.
 */
export const isSendableToken = (token: string): boolean => /^[\x21-\x7e]+$/.test(token);

/** An expiry (epoch ms) as the client keeps it: finite, not negative, at most MAX_SESSION_LIFETIME_MS ahead; else undefined. */
export function clampExpiry(expiresAt: number | undefined, now: number): number | undefined {
  if (expiresAt === undefined || !Number.isFinite(expiresAt) || expiresAt < 0) return undefined;
  return Math.min(expiresAt, now + MAX_SESSION_LIFETIME_MS);
}

/**
 * Why a stored value cannot be a session this client would have written, or undefined when it can.
 * `jwtOnly`: the server issues JWTs (Kraken does), so a token that is not one was planted.
 */
export function storedSessionProblem(value: unknown, now: number, jwtOnly: boolean): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'it is not an object';
  const session = value as Record<keyof Session, unknown>;
  for (const field of ['token', 'refreshToken'] as const) {
    const text = session[field];
    if ((text !== undefined || field === 'token') && (typeof text !== 'string' || text === '')) return `\`${field}\` is not a non-empty string`;
  }
  for (const field of ['tokenExpiresAt', 'tokenIssuedAt', 'refreshExpiresAt'] as const) {
    const time = session[field];
    if (time === undefined) continue;
    // NaN and negatives are no time; Infinity is further ahead than any session.
    if (typeof time !== 'number' || !(time >= 0)) return `\`${field}\` is not a time`;
    if (time > now + MAX_SESSION_LIFETIME_MS + CLOCK_SLACK_MS) return `\`${field}\` is too far ahead`;
  }
  if (!isSendableToken(session.token as string)) return '`token` holds a character an HTTP header cannot carry';
  const claims = decodeJwtClaims(session.token as string);
  if (claims === undefined) return jwtOnly ? '`token` is not a JWT' : undefined;
  const expiresAt = timeClaim(claims, 'exp');
  // The stored expiry may be earlier (clamped), never later than the token's own.
  if (expiresAt !== undefined && (session.tokenExpiresAt === undefined || (session.tokenExpiresAt as number) > expiresAt)) {
    return '`tokenExpiresAt` is after the token\'s `exp`';
  }
  return undefined;
}
