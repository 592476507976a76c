// A claim is a test: every major a range in package.json's peerDependencies accepts must be run by the peer
// matrix (scripts/consumer/peer-matrix.mjs). Pure functions, so that `npm test` checks them without installing.

/**
 * The majors a range names: `^5.0.3 || ^6.0.0` gives ['5', '6']. An alternative with no upper bound
 * (`>=4.6.0`, `*`, `x`, `4.x || >=5`) accepts majors nobody can have run: it is reported as open.
 */
export function rangeMajors(range) {
  const majors = [];
  const open = [];
  for (const alternative of range.split('||').map((part) => part.trim())) {
    const match = /^(?:\^|~|=)?v?(\d+)(?:\.(?:\d+|x|\*)){0,2}(?:-[\w.]+)?$/.exec(alternative);
    if (match) majors.push(match[1]);
    else open.push(alternative);
  }
  return { majors: [...new Set(majors)], open };
}

/** What the matrix fails to cover: one line per peer major that no cell runs, and per open range. */
export function uncoveredPeerMajors(peerDependencies, cells) {
  const run = new Set(cells.flatMap((cell) => cell.covers.map(([peer, major]) => `${peer}@${major}`)));
  const problems = [];
  for (const [peer, range] of Object.entries(peerDependencies)) {
    const { majors, open } = rangeMajors(range);
    for (const alternative of open) problems.push(`${peer} "${range}": "${alternative}" accepts majors no one has run (name each major: ^N.0.0 || ...)`);
    for (const major of majors) if (!run.has(`${peer}@${major}`)) problems.push(`${peer} "${range}": major ${major} is accepted but no peer-matrix cell runs it`);
  }
  return problems;
}
