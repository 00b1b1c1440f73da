/** The labels of a tracking issue: what they are called, their colours, and creating the ones a repository lacks. */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/finding.js';
import type { Severity } from '../core/severity.js';
import type { GitHubApi, LabelSpec } from './github.js';

/** Every issue this tool tracks carries this label: issues are listed by it. */
export const TRACKING_LABEL = 'cloudtrail-audit';
/** GitHub refuses longer label names. */
const MAX_LABEL = 50;

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: 'b60205',
  high: 'd93f0b',
  medium: 'fbca04',
  low: 'c5def5',
  informational: 'ededed',
};

export function trackingLabel(): LabelSpec {
  return { name: TRACKING_LABEL, color: '5319e7', description: 'Finding tracked by cloudtrail-audit' };
}

export function severityLabel(severity: Severity): LabelSpec {
  return {
    name: `severity:${severity}`,
    color: SEVERITY_COLOR[severity],
    description: `${severity} finding`,
  };
}

/** `rule:<id>`: ids are slugs, but a long or odd one is cut to GitHub's 50 characters with a hash to stay unique. */
export function ruleLabel(ruleId: string): LabelSpec {
  let slug = ruleId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  if (`rule:${slug}`.length > MAX_LABEL || slug !== ruleId.toLowerCase()) {
    const hash = createHash('sha256').update(ruleId).digest('hex').slice(0, 6);
    slug = `${slug.slice(0, MAX_LABEL - 'rule:'.length - 7)}~${hash}`;
  }
  return { name: `rule:${slug}`, color: '1d76db', description: 'Sigma rule of a cloudtrail-audit finding' };
}

/** The user's own labels (`issue-labels`), created with a neutral colour when missing. */
export function extraLabel(name: string): LabelSpec {
  return { name, color: 'ededed', description: '' };
}

export function labelsFor(finding: Finding, extra: readonly string[]): LabelSpec[] {
  const specs = [
    trackingLabel(),
    severityLabel(finding.severity),
    ruleLabel(finding.ruleId),
    ...extra.map(extraLabel),
  ];
  const seen = new Set<string>();
  return specs.filter((s) => !seen.has(s.name.toLowerCase()) && seen.add(s.name.toLowerCase()));
}

/** Checks an `issue-labels` entry: GitHub's limit, and no comma (the issues list filter splits on commas). */
export function labelProblem(name: string): string | undefined {
  if (name.length > MAX_LABEL) return `'${name}' is longer than ${MAX_LABEL} characters`;
  if (name.includes(',')) return `'${name}' contains a comma`;
  return undefined;
}

/**
 * Creates the labels the repository does not have yet (label names are case-insensitive on GitHub). Lists the
 * repository's labels once, then creates what is missing; a label created meanwhile by another run is fine.
 */
export class LabelMaker {
  private existing: Set<string> | undefined;

  constructor(private readonly api: GitHubApi) {}

  async ensure(specs: readonly LabelSpec[]): Promise<string[]> {
    this.existing ??= new Set((await this.api.listLabels()).map((n) => n.toLowerCase()));
    const created: string[] = [];
    for (const spec of specs) {
      if (this.existing.has(spec.name.toLowerCase())) continue;
      if (await this.api.createLabel(spec)) created.push(spec.name);
      this.existing.add(spec.name.toLowerCase());
    }
    return created;
  }
}
