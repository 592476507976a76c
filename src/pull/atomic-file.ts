import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `content` to `path` whole or not at all: into a new temporary file beside it, then a rename.
 * The temporary name is random and the file is created exclusively (`wx`: it fails on anything already
 * there, a planted symlink included), so in a shared folder nobody can predict it or point it elsewhere.
 * The rename replaces `path` itself: a symlink at `path` is replaced, never followed.
 */
export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
