/** A rule that cannot be compiled: the message says what is wrong and where in the detection (no file name). */
export class RuleCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompileError';
  }
}
