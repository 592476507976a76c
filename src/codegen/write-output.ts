import * as nodeFs from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, sep } from 'node:path';

/** The file operations writeOutputDirectory uses (replaceable to inject failures in tests). */
export type OutputFs = Pick<typeof nodeFs, 'writeFile' | 'rename' | 'mkdir' | 'mkdtemp' | 'rm' | 'lstat'>;

/** The output folder cannot take the files; nothing was changed. */
export class OutputWriteError extends Error {
  override readonly name = 'OutputWriteError';
}

/**
 * Writes `files` (path relative to `dir` -> content) into `dir`, all or none: every file is first
 * written into a temporary folder beside `dir` (same filesystem, so renames are atomic), then each is
 * renamed into place, the file it replaces moved aside until all are in. On any failure the replaced
 * files come back, new ones go, and the temporary folder is removed. Other files in `dir` stay.
 */
export async function writeOutputDirectory(dir: string, files: ReadonlyMap<string, string>, fs: OutputFs = nodeFs): Promise<void> {
  const names = [...files.keys()].sort();
  for (const name of names) {
    if (isAbsolute(name) || normalize(name).split(sep).includes('..')) throw new OutputWriteError(`${name} is not a path inside the output folder`);
  }
  const dirStat = await statOrNull(fs, dir);
  if (dirStat && !dirStat.isDirectory()) throw new OutputWriteError(`${dir} exists and is not a folder`);
  for (const name of names) {
    const target = await statOrNull(fs, join(dir, name));
    if (target && !target.isFile()) throw new OutputWriteError(`${join(dir, name)} exists and is not a file`);
  }

  await fs.mkdir(dirname(dir), { recursive: true });
  const staging = await fs.mkdtemp(join(dirname(dir), `.${basename(dir)}.tmp-`));
  const fresh = join(staging, 'new');
  const replaced = join(staging, 'old');
  /** Files swapped in so far, with whether an old file was moved aside for each. */
  const swapped: { name: string; hadOld: boolean }[] = [];
  let createdDir = false;
  try {
    for (const name of names) {
      await fs.mkdir(dirname(join(fresh, name)), { recursive: true });
      // Exclusive: the staging folder is new (mkdtemp), so anything already at a name there was planted.
      await fs.writeFile(join(fresh, name), files.get(name) ?? '', { encoding: 'utf8', flag: 'wx' });
    }
    if (!dirStat) {
      await fs.mkdir(dir, { recursive: true });
      createdDir = true;
    }
    for (const name of names) {
      const target = join(dir, name);
      const hadOld = (await statOrNull(fs, target)) !== null;
      if (hadOld) {
        await fs.mkdir(dirname(join(replaced, name)), { recursive: true });
        await fs.rename(target, join(replaced, name));
      }
      swapped.push({ name, hadOld });
      await fs.mkdir(dirname(target), { recursive: true });
      await fs.rename(join(fresh, name), target);
    }
  } catch (error) {
    await rollBack(fs, dir, replaced, swapped, createdDir);
    throw error;
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Puts back what the swap replaced; best effort, so that one failure does not stop the rest. */
async function rollBack(fs: OutputFs, dir: string, replaced: string, swapped: { name: string; hadOld: boolean }[], createdDir: boolean): Promise<void> {
  for (const { name, hadOld } of swapped.reverse()) {
    const target = join(dir, name);
    await fs.rm(target, { force: true }).catch(() => {});
    if (hadOld) await fs.rename(join(replaced, name), target).catch(() => {});
  }
  if (createdDir) await fs.rm(dir, { recursive: true, force: true }).catch(() => {});
}

async function statOrNull(fs: OutputFs, path: string): Promise<Awaited<ReturnType<OutputFs['lstat']>> | null> {
  try {
    return await fs.lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
