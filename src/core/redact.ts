// Redaction at the edge (issue 19): every secret a client holds or receives (credentials, tokens,
// refresh tokens) is taken out of an error's details before the KrakenError is built, so that no
// rendering of it (message, errors, data, body, cause chain, JSON, inspect, the error channel) can show
// one, whatever the server echoed. Only loaded with the failure path or the token code: a call that
// succeeds never runs it.
import { KrakenError } from './errors.js';
import type { KrakenErrorDetails } from './errors.js';

/** What stands where a secret was. */
export const REDACTED = '[redacted]';
/** Shorter values are not searched for: they would cut ordinary words out of every message. */
export const MIN_REDACTED_LENGTH = 4;
/**
 * How many secrets (each form counts) a client remembers besides the kept ones (addSecret's keptAs); the least recently used
 * go first. The token of an attempt is added before its error is built, so what an error could show is among them.
 */
export const MAX_SECRETS = 1024;
/** What stands for a value nested deeper than an error keeps (MAX_DEPTH levels). */
const TOO_DEEP = '[too deep]';
const MAX_DEPTH = 64;

/**
 * The secrets of one client, oldest first; `kept`: the forms of the secrets its session holds now (the credentials,
 * the current tokens), by role (value and forms), never pushed out by others (a server could send any number of made-up tokens).
 */
export type Secrets = Set<string> & { kept?: Map<string, [value: string, forms: string[]]> };

const hex = (code: number, width: number): string => code.toString(16).padStart(width, '0');
const urlSafe = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_');
/** Python's repr of a text (within its quotes). */
const repr = (text: string): string => text.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

/**
 * Lower case, one character at a time where that keeps the length (İ lower-cases to two units): secrets are
 * looked for in any case, and an index found in the folded text is the same index in the text. (ASCII capitals
 * a run at a time: a long secret's forms are millions of characters.)
 */
const fold = (text: string): string => text.replace(/[A-Z]+|[^\0-\x7f]/gu, (part) => (part.toLowerCase().length === part.length ? part.toLowerCase() : part));
const NAMED_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// `'` as a number (Django's `&#x27;`, `&#39;`), as PHP's `&#039;` or HTML5's `&apos;`.
const ENTITY_TABLES: Array<Record<string, string>> = [NAMED_ENTITIES, {}, { ...NAMED_ENTITIES, "'": '&#039;' }, { ...NAMED_ENTITIES, "'": '&apos;' }];

/**
 * How the UTF-8 of a text shows encoded: Python's bytes repr (non-ASCII bytes as `\xc3`), base64 (standard, url-safe;
 * alone or inside a longer base64 text), hex, and URL-encoded as encodeURIComponent does, or with some of `!'()*~`
 * encoded too as URLSearchParams, Python's quote_plus or PHP's urlencode do (a space as `%20` or `+`). A lone surrogate
 * as U+FFFD, as a server decoding it shows it (encodeURIComponent would throw on it).
 */
function encodedForms(text: string): string[] {
  const utf8 = new TextEncoder().encode(text);
  // One character at a time: a spread of the bytes into fromCharCode throws past ~100,000 arguments.
  let bytes = '';
  for (const byte of utf8) bytes += String.fromCharCode(byte);
  const base64 = btoa(bytes).replace(/=+$/, '');
  const forms = [repr(bytes).replace(/[\x80-\xff]/g, (byte) => `\\x${hex(byte.charCodeAt(0), 2)}`), base64, urlSafe(base64), Array.from(utf8, (byte) => hex(byte, 2)).join('')];
  const url = encodeURIComponent(new TextDecoder().decode(utf8));
  for (const left of ["!'()*~", '*', '~', '']) {
    const encoded = url.replace(/[!'()*~]/g, (char) => (left.includes(char) ? char : `%${hex(char.charCodeAt(0), 2)}`));
    forms.push(encoded, encoded.replace(/%20/g, '+'));
  }
  // Inside a longer base64 text (an HTTP Basic header, an encoded body), at each byte alignment: the characters its
  // bytes alone decide (6 or more, so that short secrets do not cut ordinary words out of messages).
  for (const shift of [0, 1, 2]) {
    const core = btoa('\0'.repeat(shift) + bytes).slice([0, 2, 3][shift], ((shift + utf8.length) * 4) / 3);
    if (core.length > 5) forms.push(core, urlSafe(core));
  }
  return forms;
}

/**
 * The forms an echo shows a secret in, lower-cased (they are searched regardless of case, so `%2F` and `%2f`,
 * `\u00E9` and `\u00e9`, an upper-cased echo are one form): as is, NFC and NFD; JSON-escaped, also with non-ASCII
 * escaped (Python's json.dumps, which Kraken's Django uses by default), with `/` as `\/` (PHP's json_encode) and
 * twice over (JSON in JSON); HTML-escaped, with named entities or numeric ones only (decimal, hex; non-ASCII too);
 * a Python repr; its encodedForms, and those of its JSON-escaped forms (a request body echoed encoded). Each also
 * upper-cased where that changes its length (ß as SS).
 */
function formsOf(value: string): string[] {
  // Longer than any credential or token Kraken issues (its JWTs are a few kB): as it is only, so that a server sending
  // huge made-up tokens cannot keep the client encoding them for seconds.
  if (value.length > 16_384) return [...new Set([fold(value), fold(value.toLowerCase())])];
  const forms: string[] = [];
  for (const text of new Set([value, value.normalize('NFC'), value.normalize('NFD')])) {
    const json = JSON.stringify(text).slice(1, -1);
    const ascii = json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${hex(unit.charCodeAt(0), 4)}`);
    forms.push(text, json, ascii, JSON.stringify(json).slice(1, -1), json.replace(/\//g, '\\/'), ascii.replace(/\//g, '\\/'), repr(text));
    for (const encoded of new Set([text, json, ascii])) forms.push(...encodedForms(encoded));
    for (const pattern of [/[&<>"']/g, /[&<>"']|[^\0-\x7f]/gu]) {
      for (const radix of [10, 16]) {
        for (const named of ENTITY_TABLES) {
          forms.push(text.replace(pattern, (char) => named[char] ?? `&#${radix > 10 ? 'x' : ''}${char.codePointAt(0)?.toString(radix)};`));
        }
      }
    }
  }
  // Folded, and folded after a full lower- or upper-casing: an echo may show İ as it was or as a server lower-cased it
  // (i̇), ß as it was or upper-cased (SS).
  return [...new Set([...new Set(forms)].flatMap((form) => [fold(form), fold(form.toLowerCase()), fold(form.toUpperCase())]))];
}

/**
 * Remembers a secret in every form an echo may show it in (formsOf), among the MAX_SECRETS most recently used; or, with
 * `keptAs`, as the one secret of that role the session holds now (a credential, the current token or refresh token),
 * searched however many others come: the one it replaces joins the others (still searched while recent).
 */
export function addSecret(secrets: Secrets | undefined, value: unknown, keptAs?: string): void {
  if (secrets === undefined || typeof value !== 'string' || value.length < MIN_REDACTED_LENGTH) return;
  const kept = (secrets.kept ??= new Map());
  const [held, replaced = []] = keptAs === undefined ? [] : (kept.get(keptAs) ?? []);
  if (held === value) return;
  let forms = formsOf(value);
  if (keptAs !== undefined) {
    kept.set(keptAs, [value, forms]);
    forms = replaced;
  }
  for (const form of forms) {
    // Re-adding moves a secret to the newest end.
    secrets.delete(form);
    secrets.add(form);
  }
  for (const oldest of secrets) {
    if (secrets.size <= MAX_SECRETS) break;
    secrets.delete(oldest);
  }
}

/** Fields whose string values are secrets wherever they appear in an answer (a login answer's tokens, an echoed input). */
const SECRET_NAMES = new Set(['token', 'refreshToken', 'password', 'APIKey', 'apiKey', 'organizationSecretKey', 'preSignedKey']);
/** The same fields in a body's text (JSON, maybe cut short). */
const SECRET_FIELD = new RegExp(`"(${[...SECRET_NAMES].join('|')})"\\s*:\\s*"((?:[^"\\\\]|\\\\.)*)(?:"|$)`, 'g');

/** Learns the secrets an answer carries: the values of secret-named fields, in a body's text (even cut short) or parsed data. */
export function learnSecrets(secrets: Secrets | undefined, answer: unknown, depth = 0): void {
  if (typeof answer !== 'string') {
    // Walked as far as an error keeps it (deeper is left out of errors): stringified, 100,000 levels overflowed the stack.
    if (typeof answer !== 'object' || answer === null || depth >= MAX_DEPTH) return;
    for (const [name, value] of Object.entries(answer)) {
      if (SECRET_NAMES.has(name) && typeof value === 'string') addSecret(secrets, value);
      else learnSecrets(secrets, value, depth + 1);
    }
    return;
  }
  for (const match of answer.matchAll(SECRET_FIELD)) {
    let value = match[2] as string;
    try {
      value = JSON.parse(`"${value}"`) as string;
    } catch {
      // Cut inside an escape: the raw text is what an error would show.
    }
    addSecret(secrets, value);
  }
}

/** Every secret taken out of the text, in any case (the secrets' forms are kept folded, see fold). */
function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  // Folded again only when a secret was taken out: a long text is not folded once per form.
  let folded = fold(result);
  for (const secret of secrets) {
    if (!folded.includes(secret)) continue;
    // The folded text has the text's length: each part between two matches is cut from the text itself.
    let at = 0;
    result = folded.split(secret).map((part) => result.slice(at, (at += part.length + secret.length) - secret.length)).join(REDACTED);
    folded = fold(result);
  }
  return result;
}

/** Every form searched, the kept ones too, longest first. */
const listOf = (secrets: Secrets | undefined): string[] => [...(secrets ?? []), ...[...(secrets?.kept?.values() ?? [])].flatMap(([, forms]) => forms)].sort((a, b) => b.length - a.length);

/** Server text for a message, redacted before it is cut to `limit` characters: cut first, it could keep a secret's start. */
export const redactedPart = (text: string, limit: number, secrets: Secrets | undefined): string => redactText(text, listOf(secrets)).slice(0, limit);

/**
 * Text a transport cut short before the secrets were known (a body's first 1,024 bytes): a secret's start
 * (MIN_REDACTED_LENGTH characters or more) left at its end is redacted too.
 */
export function redactCutEnd(text: string, secrets: Secrets | undefined): string {
  let cut = text.length;
  // In any case, as redactText.
  const lower = fold(text);
  for (const secret of listOf(secrets)) {
    // Where the secret's first characters occur near the end, earliest first: the first that starts the rest of the text.
    const start = secret.slice(0, MIN_REDACTED_LENGTH);
    for (let at = lower.indexOf(start, lower.length - secret.length); at >= 0 && at < cut; at = lower.indexOf(start, at + 1)) {
      if (secret.startsWith(lower.slice(at))) cut = at;
    }
  }
  return cut < text.length ? `${text.slice(0, cut)}${REDACTED}` : text;
}

/**
 * A copy of a JSON-like value with every secret taken out of its strings and keys, and anything nested past MAX_DEPTH
 * levels left out (not searched, and a reader such as JSON.stringify would overflow its stack); the value itself when
 * it holds neither.
 */
function redactValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return secrets.length === 0 ? value : redactText(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return TOO_DEEP;
  const list = Array.isArray(value);
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const safe = [list ? key : redactText(key, secrets), redactValue(item, secrets, depth + 1)] as const;
    changed ||= safe[0] !== key || safe[1] !== item;
    return safe;
  });
  // fromEntries defines each field: a server's `__proto__` key stays an own field instead of becoming the copy's prototype.
  return changed ? (list ? entries.map((entry) => entry[1]) : Object.fromEntries(entries)) : value;
}

/** Whether an error's message, stack or own fields show a secret (fields that cannot be serialised count as showing one). */
function errorShows(error: Error, secrets: readonly string[]): boolean {
  try {
    const text = fold(`${error.message}\n${error.stack}\n${JSON.stringify({ ...error })}`);
    return secrets.some((secret) => text.includes(secret));
  } catch {
    return true;
  }
}

/**
 * The cause itself when it shows no secret (its identity kept); otherwise a plain Error copy with the
 * secrets taken out of message and stack, its system `code` kept and its cause redacted in turn (8 levels deep at most).
 */
function redactCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(cause instanceof Error)) return redactValue(cause, secrets);
  const inner = depth < 8 ? redactCause(cause.cause, secrets, depth + 1) : undefined;
  if ((depth >= 8 || inner === cause.cause) && !errorShows(cause, secrets)) return cause;
  const copy = new Error(redactText(cause.message, secrets), inner === undefined ? undefined : { cause: inner });
  const { name, stack, code } = cause as Error & { code?: unknown };
  return Object.assign(copy, { name, stack: redactText(`${stack}`, secrets) }, typeof code === 'string' && { code });
}

/** A KrakenError built from details with the client's secrets taken out of each part it shows first (before it is published on the error channel). */
export function redactedError(details: KrakenErrorDetails, secrets: Secrets | undefined): KrakenError {
  const list = listOf(secrets);
  // Walked even without secrets: what is nested too deep is left out.
  return new KrakenError({
    ...details,
    message: redactText(details.message, list),
    errors: redactValue(details.errors, list) as KrakenErrorDetails['errors'],
    data: redactValue(details.data, list),
    body: redactValue(details.body, list) as string | undefined,
    cause: redactCause(details.cause, list),
  });
}
