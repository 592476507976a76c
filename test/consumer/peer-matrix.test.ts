// A claim is a test (issue 29): every major that package.json's peerDependencies accept is run by a cell of the
// consumer check's peer matrix (scripts/consumer/peer-cells.mjs); a range naming a major no cell runs, or an open
// range (>=4.6.0 accepts majors no one has run), fails here, in `npm test`, before CI's consumer check runs it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM scripts without declarations
import { PEER_CELLS, PEER_PROJECTS } from '../../scripts/consumer/peer-cells.mjs';
// @ts-expect-error plain ESM scripts without declarations
import { rangeMajors, uncoveredPeerMajors } from '../../scripts/consumer/peer-coverage.mjs';

type Covers = Array<{ covers: Array<[string, string]> }>;
const ownPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { peerDependencies: Record<string, string> };
const uncovered = uncoveredPeerMajors as (peers: Record<string, string>, cells: Covers) => string[];
const majors = rangeMajors as (range: string) => { majors: string[]; open: string[] };

describe('the peer matrix covers every major peerDependencies accept', () => {
  it('has a cell for each major of each peer range in package.json', () => {
    expect(uncovered(ownPackage.peerDependencies, PEER_CELLS as Covers)).toEqual([]);
  });

  it('reads the majors of a range, and names open alternatives', () => {
    expect(majors('^5.0.3 || ^6.0.0 || ^7.0.0')).toEqual({ majors: ['5', '6', '7'], open: [] });
    expect(majors('^16.11.0 || 17.x')).toEqual({ majors: ['16', '17'], open: [] });
    expect(majors('>=4.6.0')).toEqual({ majors: [], open: ['>=4.6.0'] });
    expect(majors('^1.0.0 || *')).toEqual({ majors: ['1'], open: ['*'] });
  });

  it('fails on a major no cell runs and on an open range', () => {
    const problems = uncovered({ msw: '^2.7.0 || ^3.0.0 || ^4.0.0', redis: '>=4.6.0' }, PEER_CELLS as Covers);
    expect(problems).toEqual([
      'msw "^2.7.0 || ^3.0.0 || ^4.0.0": major 4 is accepted but no peer-matrix cell runs it',
      'redis ">=4.6.0": ">=4.6.0" accepts majors no one has run (name each major: ^N.0.0 || ...)',
    ]);
  });

  it('runs msw 3 on Node 24 and msw 2 on Node 20, each as a consumer app\'s vitest suite', () => {
    const mswCells = (PEER_CELLS as Array<{ check: string; node: string; covers: Array<[string, string]> }>).filter((cell) => cell.covers.some(([peer]) => peer === 'msw'));
    expect(mswCells.map((cell) => [cell.covers.find(([peer]) => peer === 'msw')?.[1], cell.node, cell.check])).toEqual([
      ['3', '24', 'msw-suite'],
      ['2', '20', 'msw-suite'],
    ]);
    expect((PEER_PROJECTS as unknown[]).length).toBeGreaterThan(0);
  });
});
