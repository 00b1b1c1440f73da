/**
 * A problem the user can fix (a bad flag or input, a missing permission, an unreadable rule or source): its message
 * names what is wrong and the fix, and the shells show it as it is, without a stack trace.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A flag, input or option value that cannot be used. */
export class UsageError extends UserError {}
