// Vitest global setup: gives every test file's secrets watch (test/support/secrets-watch.ts) a folder
// for its report, then sums the reports into one line for the run and fails the run on any finding.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { FileReport } from './secrets-watch.js';

export interface RunSummary {
  readonly files: number;
  readonly errors: number;
  readonly logLines: number;
  readonly inspected: number;
  readonly observed: number;
  readonly distinctSecrets: number;
  readonly findings: number;
}

export function summarize(reports: readonly FileReport[]): RunSummary {
  const secrets = new Set<string>();
  let errors = 0;
  let logLines = 0;
  let inspected = 0;
  let findings = 0;
  let observed = 0;
  for (const report of reports) {
    observed += (report.debugLines ?? 0) + (report.channelMessages ?? 0) + (report.spans ?? 0);
    errors += report.errors;
    logLines += report.logLines;
    inspected += report.inspected;
    findings += report.findings.length;
    for (const secret of report.secretHashes) secrets.add(secret);
  }
  return { files: reports.length, errors, logLines, inspected, observed, distinctSecrets: secrets.size, findings };
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'kraken-secrets-'));
  project.provide('secretsReportDir', dir);
  return () => {
    const reports = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as FileReport);
    rmSync(dir, { recursive: true, force: true });
    const summary = summarize(reports);
    console.log(
      `secrets scan: ${summary.files} test files, ${summary.errors} KrakenErrors, ${summary.logLines} log lines and ${summary.inspected} inspected objects, ${summary.observed} debug lines, channel messages and spans scanned for ${summary.distinctSecrets} distinct secrets: ${summary.findings} found`,
    );
    if (process.env.KRAKEN_SECRETS_REPORT === 'files') {
      for (const report of [...reports].sort((a, b) => a.file.localeCompare(b.file))) {
        console.log(
          `  ${relative(process.cwd(), report.file)}: ${report.errors} errors, ${report.logLines} log lines, ${report.inspected} inspected, ${report.secretHashes.length} secrets, ${report.findings.length} found`,
        );
      }
    }
    if (summary.findings > 0) {
      const where = reports.filter((report) => report.findings.length > 0).map((report) => `${relative(process.cwd(), report.file)} (${report.findings.length})`);
      throw new Error(`secrets scan: secrets found in what these test files produced: ${where.join(', ')}`);
    }
  };
}
