/** STS role session names: `[\w+=,.@-]`, 2 to 64 characters. */

export const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const MAX_LENGTH = 64;
const PREFIX = 'cloudtrail-audit';

/**
 * The default session name: `cloudtrail-audit@OWNER.REPO-RUNID`, from GITHUB_REPOSITORY and GITHUB_RUN_ID,
 * made valid for STS (other characters become `-`) and at most 64 characters: the repository part is shortened
 * so that the run id, which tells CloudTrail readers which run it was, always survives.
 */
export function defaultSessionName(env: NodeJS.ProcessEnv): string {
  const repo = clean((env.GITHUB_REPOSITORY ?? '').replace('/', '.'));
  const runId = clean(env.GITHUB_RUN_ID ?? '').slice(0, 20);
  let name = PREFIX;
  if (repo) name += `@${repo}`;
  if (runId) {
    const suffix = `-${runId}`;
    name = name.slice(0, MAX_LENGTH - suffix.length) + suffix;
  }
  return name.slice(0, MAX_LENGTH);
}

/** Null when `name` is a valid session name, else why not (for an error that names the fix). */
export function sessionNameProblem(name: string): string | null {
  if (name.length < 2 || name.length > MAX_LENGTH) {
    return `role-session-name must be 2 to 64 characters long (it has ${name.length})`;
  }
  if (!SESSION_NAME_PATTERN.test(name)) {
    return 'role-session-name may only contain letters, digits and the characters _+=,.@-';
  }
  return null;
}

function clean(text: string): string {
  return text.replace(/[^\w+=,.@-]/g, '-');
}
