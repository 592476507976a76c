// Formats results as one markdown table.
export interface ResultRow {
  readonly measure: string;
  readonly subject: string;
  readonly subjectResult: string;
  readonly baseline: string;
  readonly baselineResult: string;
  /** Already formatted, with its direction stated (e.g. "4.2× time"). */
  readonly ratio: string;
}

const HEADERS = ['Measure', 'Subject', 'Subject result', 'Baseline', 'Baseline result', 'Ratio (subject ÷ baseline)'];

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function markdownTable(rows: readonly ResultRow[]): string {
  const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = [row.measure, row.subject, row.subjectResult, row.baseline, row.baselineResult, row.ratio];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function formatOps(opsPerSecond: number): string {
  return `${Math.round(opsPerSecond).toLocaleString('en-US')} ops/s`;
}

export function formatNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '−' : '';
  const size = Math.abs(bytes);
  if (size >= 1024 * 1024) return `${sign}${(size / 1024 / 1024).toFixed(2)} MiB`;
  if (size >= 1024) return `${sign}${(size / 1024).toFixed(1)} KiB`;
  return `${sign}${Math.round(size)} B`;
}

/** subject ÷ baseline, with what is being divided spelled out. */
export function formatRatio(subject: number, baseline: number, unit: string): string {
  if (!Number.isFinite(subject / baseline) || baseline === 0) return 'n/a';
  const ratio = subject / baseline;
  // Small ratios keep three significant digits instead of rounding to 0.00.
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}× ${unit}`;
}
