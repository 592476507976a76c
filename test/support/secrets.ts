// The suite's secrets and the scanner that looks for them in what the suite produced (issue 9: every
// error, log line and inspected object of the whole suite is scanned for every secret it used).
import { inspect } from 'node:util';

/**
 * Secret fixtures shared by the tests (passwords, API keys, other login keys). Tests take their
 * secrets from here so that the suite-wide scan knows them even when no mock ever sees them.
 */
export const SECRET_FIXTURES = {
  password: 'P4ssw0rd-very-secret',
  wrongPassword: 'Wr0ng-secret-password',
  changedPassword: 'Ch4nged-secret-password',
  apiKey: 'sk_live_api_key_0123456789',
  organizationSecretKey: 'org-secret-0123456789',
  lifecyclePassword: 'lifecycle-password-secret',
  lifecycleApiKey: 'sk_live_lifecycle_secret',
  faultsPassword: 'faults-password-never-shown',
  faultsApiKey: 'sk_live_faults_api_key_42',
  reachPassword: 'reach-wording-password',
  endpointPassword: 'hunter2-secret',
  endpointQueryKey: 'query-secret',
  tokenAfterCr: 'secret-token-with-cr',
  tokenAfterLf: 'secret-token-with-lf',
  tokenAfterNul: 'secret-token-with-nul',
} as const;

/** Values given literally in a test's source to a credential-named key (`password: '…'`, `apiKey: "…"`…). */
export function literalSecrets(source: string): Array<[label: string, value: string]> {
  const found: Array<[string, string]> = [];
  const pattern = /\b(password|apiKey|APIKey|organizationSecretKey|preSignedKey|refreshToken|token)\s*:\s*(['"`])([^'"`$\\\n]+)\2/g;
  for (const match of source.matchAll(pattern)) found.push([`literal ${match[1]}`, match[3] as string]);
  return found;
}

const SECRET_FIELD = /"(password|APIKey|apiKey|organizationSecretKey|preSignedKey|refreshToken|token)"\s*:\s*"((?:[^"\\]|\\.)+)"/g;

/**
 * The secrets an HTTP message carries as JSON fields (a login input, the tokens of a login answer, or
 * any of them repeated by an echoing server), with a label naming the field.
 */
export function secretFields(text: string): Array<[label: string, value: string]> {
  const found: Array<[string, string]> = [];
  for (const match of text.matchAll(SECRET_FIELD)) {
    let value = match[2] as string;
    try {
      value = JSON.parse(`"${value}"`) as string;
    } catch {
      // Kept as sent.
    }
    found.push([`wire ${match[1]}`, value]);
  }
  return found;
}

/** The token of an Authorization header value (after a scheme such as `JWT` or `Bearer`, if any). */
export function authorizationToken(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : undefined;
  return text?.replace(/^(?:JWT|Bearer|Token)\s+/i, '');
}

const hex4 = (unit: string): string => unit.charCodeAt(0).toString(16).padStart(4, '0');

/**
 * The forms an echo may show a secret in, lower-cased (the scan compares lower-cased text, so upper-cased echoes,
 * `%2f` and `%2F`, `\u00e9` and `\u00E9` are all found): as is, NFC and NFD, and upper-cased then lower-cased (ß as
 * ss); JSON-escaped, with non-ASCII escaped (Python), with `/` as `\/` (PHP), twice over; HTML-escaped with named or
 * numeric (decimal, hex) entities, `'` also as `&#039;` (PHP) or `&apos;` (HTML5), non-ASCII as entities too; a Python
 * repr of it and of its UTF-8 bytes (`\xc3\xa4`); and, of its UTF-8 and of its JSON-escaped forms' (a request body
 * echoed encoded): URL- and form-encoded (encodeURIComponent, URLSearchParams, Python's quote_plus, PHP's urlencode),
 * base64 (standard, url-safe, unpadded; also inside a longer base64 text) and hex.
 * Written apart from src/core/redact.ts on purpose: the scan must not share the redactor's blind spots.
 */
export function echoForms(secret: string): string[] {
  const forms = new Set<string>();
  for (const text of new Set([secret, secret.normalize('NFC'), secret.normalize('NFD')])) {
    const json = JSON.stringify(text).slice(1, -1);
    const ascii = json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${hex4(unit)}`);
    const named = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const entities = (pattern: RegExp, hex: boolean): string =>
      text.replace(pattern, (char) => `&#${hex ? 'x' : ''}${(char.codePointAt(0) ?? 0).toString(hex ? 16 : 10)};`);
    const python = text.replace(/\\/g, '\\\\');
    for (const form of [
      text,
      text.toUpperCase(),
      json,
      ascii,
      json.replace(/\//g, '\\/'),
      ascii.replace(/\//g, '\\/'),
      JSON.stringify(json).slice(1, -1),
      named.replace(/'/g, '&#x27;'),
      named.replace(/'/g, '&#39;'),
      named.replace(/'/g, '&#039;'),
      named.replace(/'/g, '&apos;'),
      entities(/[&<>"']/g, false),
      entities(/[&<>"']/g, true),
      entities(/[&<>"']|[\u0080-\u{10ffff}]/gu, false),
      entities(/[&<>"']|[\u0080-\u{10ffff}]/gu, true),
      python,
      python.replace(/'/g, "\\'"),
      ...new Set([text, json, ascii].flatMap((encoded) => byteForms(Buffer.from(encoded, 'utf8')))),
    ]) {
      forms.add(form.toLowerCase());
    }
  }
  return [...forms];
}

/**
 * How a text's UTF-8 bytes show encoded: URL- and form-encoded (each percent-encoder's own set of characters left as
 * they are), Python's bytes repr, base64 (alone and inside a longer text) and hex.
 */
function byteForms(bytes: Buffer): string[] {
  // A lone surrogate has no URL form of its own (encodeURIComponent throws): a server shows it as U+FFFD.
  const decoded = bytes.toString('utf8');
  // What each encoder leaves as it is besides letters and digits: encodeURIComponent, URLSearchParams, Python's quote_plus, PHP's urlencode.
  const urlEncoded = ["-_.!~*'()", '-_.*', '-_.~', '-_.'].map((unreserved) =>
    [...decoded]
      .map((char) => (/[a-z0-9]/i.test(char) || unreserved.includes(char) ? char : [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')))
      .join(''),
  );
  const pythonBytes = [...bytes].map((byte) => (byte === 0x5c ? '\\\\' : byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16)}`)).join('');
  return [
    ...urlEncoded.flatMap((form) => [form, form.replace(/%20/g, '+')]),
    pythonBytes,
    pythonBytes.replace(/'/g, "\\'"),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    ...embeddedBase64(bytes),
  ];
}

/**
 * The secret's bytes base64-encoded inside a longer text, at each of the three byte alignments: the characters that
 * stay the same whatever bytes come before and after it (found by trying all-zero and all-one neighbours), standard
 * and url-safe, when 6 or more (the redactor's floor, so that short secrets do not cut ordinary words).
 */
function embeddedBase64(bytes: Buffer): string[] {
  const found: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const variants = [0x00, 0xff].flatMap((before) =>
      [0x00, 0xff].map((after) => Buffer.concat([Buffer.alloc(shift, before), bytes, Buffer.alloc(3, after)]).toString('base64')),
    );
    const first = variants[0] as string;
    // The agreeing characters, as runs (the padding agrees too): the secret's is the longest.
    const runs = [...first].map((char, index) => (variants.every((variant) => variant[index] === char) ? char : ' ')).join('').split(/[ =]+/);
    const core = runs.reduce((longest, run) => (run.length > longest.length ? run : longest), '');
    if (core.length >= 6) found.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return found;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Shorter strings are too likely to occur by chance (and no test uses them as a real secret). */
export const MIN_SECRET_LENGTH = 8;

/** Where a text came from: KrakenErrors, console/stdout/stderr, util.inspect, the client's debug lines, its tracing channels' messages, OTel span attributes. */
export type ScanSource = 'error' | 'log' | 'inspect' | 'debug' | 'channel' | 'span';
const SOURCES: readonly ScanSource[] = ['error', 'log', 'inspect', 'debug', 'channel', 'span'];

export interface Finding {
  /** Which secret (its label, never its value). */
  readonly secret: string;
  readonly source: ScanSource;
  /** Where in that source it was found (0-based index of the record). */
  readonly record: number;
  /** The text around it, the secret itself replaced by its label. */
  readonly excerpt: string;
}

export interface ScanCounts {
  errors: number;
  logLines: number;
  inspected: number;
  debugLines: number;
  channelMessages: number;
  spans: number;
}
const COUNT_OF: Record<ScanSource, keyof ScanCounts> = { error: 'errors', log: 'logLines', inspect: 'inspected', debug: 'debugLines', channel: 'channelMessages', span: 'spans' };

/** Every rendering of a value a user could see: message, stack, util.inspect, JSON, and each cause's. */
export function renderings(value: unknown, depth = 0): string[] {
  const texts: string[] = [];
  const attempt = (render: () => unknown): void => {
    try {
      const text = render();
      if (typeof text === 'string') texts.push(text);
    } catch {
      // A value that cannot be rendered one way is still rendered the others.
    }
  };
  attempt(() => inspect(value, { depth: 8, showHidden: false }));
  attempt(() => JSON.stringify(value));
  if (value instanceof Error) {
    attempt(() => value.message);
    attempt(() => value.stack);
    if (depth < 8 && value.cause !== undefined) texts.push(...renderings(value.cause, depth + 1));
    const nested = (value as { errors?: unknown }).errors;
    if (depth < 8 && Array.isArray(nested)) for (const inner of nested.slice(0, 20)) texts.push(...renderings(inner, depth + 1));
  }
  return texts;
}

/** Collects rendered texts (deduplicated) and secrets, then finds every secret, in each of its echoForms, in every text. */
export class SecretScan {
  readonly counts: ScanCounts = { errors: 0, logLines: 0, inspected: 0, debugLines: 0, channelMessages: 0, spans: 0 };
  readonly #secrets = new Map<string, string>();
  /** Each secret's forms (lower-cased), computed once. */
  readonly #forms = new Map<string, string[]>();
  readonly #texts = Object.fromEntries(SOURCES.map((source) => [source, new Map<string, number>()])) as Record<ScanSource, Map<string, number>>;

  constructor(fixtures: Readonly<Record<string, string>> = SECRET_FIXTURES) {
    for (const [label, value] of Object.entries(fixtures)) this.addSecret(label, value);
  }

  /** Registers a secret under a label; too-short values are ignored (see MIN_SECRET_LENGTH). */
  addSecret(label: string, value: string): void {
    if (value.length < MIN_SECRET_LENGTH || this.#secrets.has(value)) return;
    this.#secrets.set(value, label);
    this.#forms.set(value, echoForms(value));
  }

  get secretCount(): number {
    return this.#secrets.size;
  }

  /** The secrets searched (for hashing into a report; never printed). */
  secretValues(): string[] {
    return [...this.#secrets.keys()];
  }

  /** A KrakenError (or any error) the suite created: every rendering of it is kept. */
  addError(error: unknown): void {
    this.counts.errors += 1;
    for (const text of renderings(error)) this.#keep('error', text);
  }

  addLog(text: string): void {
    this.counts.logLines += 1;
    this.#keep('log', text);
  }

  addInspected(text: string): void {
    this.counts.inspected += 1;
    this.#keep('inspect', text);
  }

  /** A debug line, a tracing channel's message or a span's attributes, as text. */
  addObserved(source: 'debug' | 'channel' | 'span', text: string): void {
    this.counts[COUNT_OF[source]] += 1;
    this.#keep(source, text);
  }

  #keep(source: ScanSource, text: string): void {
    const texts = this.#texts[source];
    if (!texts.has(text)) texts.set(text, this.counts[COUNT_OF[source]] - 1);
  }

  /** Every secret found, by source and record; the excerpts never hold a secret. */
  findings(): Finding[] {
    const found: Finding[] = [];
    for (const source of SOURCES) {
      const texts = this.#texts[source];
      if (texts.size === 0) continue;
      // One search per form over all texts joined, lower-cased (fast); the records are only walked on a hit.
      const joined = [...texts.keys()].join('\u0000').toLowerCase();
      for (const [secret, label] of this.#secrets) {
        const forms = (this.#forms.get(secret) ?? []).filter((form) => joined.includes(form));
        if (forms.length === 0) continue;
        for (const [text, record] of texts) {
          const lower = text.toLowerCase();
          const form = forms.find((candidate) => lower.includes(candidate));
          if (form === undefined) continue;
          const at = lower.indexOf(form);
          found.push({ secret: label, source, record, excerpt: this.#redact(text.slice(Math.max(0, at - 80), at + form.length + 80)) });
        }
      }
    }
    return found;
  }

  #redact(text: string): string {
    let redacted = text;
    for (const [secret, label] of this.#secrets) {
      for (const form of this.#forms.get(secret) ?? []) redacted = redacted.replace(new RegExp(escapeRegExp(form), 'gi'), `[secret ${label}]`);
    }
    return redacted;
  }
}
