// The README is read on npm, from the tarball: every file it links must be in the package (issue 29: it linked
// CONTRIBUTING.md and bench/README.md, which `files` left out). Files of the repository only (tests, bench) are
// named as such, not linked.
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; files: string[]; homepage?: string; repository?: unknown; bugs?: unknown };

/** Relative link targets of a Markdown text (no URL, no in-page anchor), without their #fragment. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => normalize(target.split('#')[0] ?? ''));
}

/** Whether `files` (npm's list of what to pack; README, LICENSE and package.json always are) ships the path. */
const shipped = (path: string): boolean =>
  ['README.md', 'LICENSE', 'package.json'].includes(path) || pkg.files.some((entry) => path === normalize(entry) || path.startsWith(`${normalize(entry)}/`));

describe('README links', () => {
  const links = relativeLinks(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('links only files the tarball ships, and each exists', () => {
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !shipped(link))).toEqual([]);
    expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
  });

  it('reads links the way the check needs', () => {
    expect(relativeLinks('[a](CONTRIBUTING.md) [b](https://x.test/y) [c](#install) [d](bench/README.md#top)')).toEqual(['CONTRIBUTING.md', 'bench/README.md']);
    expect(shipped('bench/README.md')).toBe(false);
    expect(shipped('docs/st.md')).toBe(true);
  });
});

describe('package.json metadata', () => {
  it('has a homepage that exists for every published version (the package page with this README), and no made-up repository', () => {
    expect(pkg.homepage).toBe(`https://www.npmjs.com/package/${pkg.name}`);
    // No public repository or issue tracker is known: an invented URL would send users nowhere.
    expect(JSON.stringify([pkg.repository, pkg.bugs])).not.toMatch(/example\.|\.invalid|TODO/i);
  });
});
