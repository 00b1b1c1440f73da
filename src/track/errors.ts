/** GitHub errors in words that name the fix, and which of them should stop a run's remaining calls. */
import { responseData, status } from './github.js';

export interface GitHubProblem {
  message: string;
  /** True when further calls would fail the same way (GitHub down, token refused): stop, track the rest next run. */
  fatal: boolean;
}

export function describeGitHubError(err: unknown, doing: string): GitHubProblem {
  const code = status(err);
  const data = responseData(err) as { message?: unknown; errors?: unknown } | undefined;
  const said =
    typeof data?.message === 'string' ? data.message : err instanceof Error ? err.message : String(err);
  const detail = oneLine(
    `${said}${data && Array.isArray(data.errors) && data.errors.length ? ` ${JSON.stringify(data.errors)}` : ''}`,
  );
  if (code === undefined) return { message: `${doing}: ${detail}`, fatal: true };
  if (code === 401) {
    return {
      message: `${doing}: GitHub refused the token (401 ${detail}); check the github-token input`,
      fatal: true,
    };
  }
  if (code === 403 || code === 429) {
    const hint = /rate limit/i.test(detail)
      ? 'rate limited, and waiting did not help; the next run tracks what is left'
      : "the token may not write issues: give the job 'permissions: issues: write'";
    return { message: `${doing}: ${code} ${detail} (${hint})`, fatal: true };
  }
  if (code === 404) {
    return {
      message: `${doing}: 404 ${detail} (is GITHUB_REPOSITORY right, and can the token see the repository?)`,
      fatal: true,
    };
  }
  if (code === 410)
    return { message: `${doing}: 410 ${detail} (issues are disabled in this repository?)`, fatal: true };
  if (code === 422) return { message: `${doing}: GitHub refused the request (422 ${detail})`, fatal: false };
  if (code >= 500 && !(err as { response?: unknown }).response) {
    return { message: `${doing}: GitHub did not answer (${detail})`, fatal: true };
  }
  return { message: `${doing}: GitHub answered ${code} ${detail}`, fatal: code >= 500 };
}

function oneLine(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
