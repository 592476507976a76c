/** Every problem that stops a generation, one line each, each naming operation, field and place. */
export class GenerationProblemsError extends Error {
  override readonly name = 'GenerationProblemsError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
