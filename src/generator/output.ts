import { readdir, readFile, rm } from 'node:fs/promises';
import { writeFileAtomically } from '../pull/atomic-file.js';
import { join, posix, relative, sep } from 'node:path';

export interface SyncOptions {
  /** Project root; every path in `files` and `ownedDirs` is relative to it (posix separators). */
  root: string;
  /** Compare only: report what differs and write nothing. */
  check: boolean;
  /** Folders whose every file is generated: files found there but absent from `files` are stale. */
  ownedDirs: string[];
}

export interface SyncResult {
  /** Files whose committed content differs from the generated content (or that are missing). */
  changed: string[];
  /** Files in owned folders that the generator no longer produces. */
  removed: string[];
}

/**
 * Brings the files on disk in line with `files` (relative path -> content), computed in full
 * beforehand. Each file is written to a temporary sibling and renamed into place, so a file is
 * never half-written; stale files in owned folders are deleted. With `check`, nothing is touched.
 */
export async function syncOutputs(files: Map<string, string>, options: SyncOptions): Promise<SyncResult> {
  const changed: string[] = [];
  for (const [path, content] of [...files].sort(([a], [b]) => compare(a, b))) {
    const current = await readFile(join(options.root, path), 'utf8').catch(() => null);
    if (current !== content) changed.push(path);
  }
  const removed: string[] = [];
  for (const dir of options.ownedDirs) {
    for (const path of await listFiles(options.root, dir)) {
      if (!files.has(path)) removed.push(path);
    }
  }
  removed.sort(compare);

  if (!options.check) {
    for (const path of changed) {
      await writeFileAtomically(join(options.root, path), files.get(path) ?? '');
    }
    for (const path of removed) await rm(join(options.root, path), { force: true });
  }
  return { changed, removed };
}

async function listFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return relative(root, absolute).split(sep).join(posix.sep);
    });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
