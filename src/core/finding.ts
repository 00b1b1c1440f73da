import type { Severity } from './severity.js';

/** One matching event as the findings file lists it (the contract's fields, plus the rule's fields worth showing). */
export interface FindingEvent {
  eventID: string;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  recipientAccountId: string;
  actor: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  /** `userIdentity.invokedBy`: the AWS service that made the call for the principal, when one did. */
  invokedBy?: string;
  /** Values of the rule's `fields` (dotted path → text), when the rule names any and the record has them. */
  details?: Record<string, string>;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Hex hash of the rule id and the rule's grouping values: stable across runs, the key issues are tracked by. */
  fingerprint: string;
  firstSeen: string;
  lastSeen: string;
  count: number;
  /** The rule's author: the Sigma licence (DRL 1.1) asks that findings credit it. */
  author: string;
  /** ATT&CK technique ids from the rule's tags. */
  attack: string[];
  /** The grouping fields and their values (default: recipientAccountId and actor). */
  group: Record<string, string>;
  /** Every matching event, oldest first (reports cap what they display; this list is never capped). */
  events: FindingEvent[];
  /** Set on suppressed findings (allowlist, or a tracking issue closed as not planned). */
  suppression?: Suppression;
  /**
   * Folding (src/findings/fold.ts, docs/findings.md): set on a folded finding, one whose every event is carried by
   * a higher-ranked finding: the fingerprint of the highest-ranked of those. A folded finding is reported only
   * through the finding it is folded into (no issue, SARIF result or summary row of its own).
   */
  foldedInto?: string;
  /** Events of this finding that higher-ranked findings carry (all of them when the finding is folded). */
  carriedBy?: CarriedBy[];
  /** Other findings (folded or not) that matched events this finding carries: "also matched". */
  alsoMatched?: AlsoMatched[];
}

/** Which of a finding's events another, higher-ranked, finding carries. */
export interface CarriedBy {
  fingerprint: string;
  ruleId: string;
  eventIDs: string[];
}

/** Another finding that matched some of the events this finding carries. */
export interface AlsoMatched {
  fingerprint: string;
  ruleId: string;
  title: string;
  severity: Severity;
  /** How many of this finding's events it matched. */
  events: number;
  /** True when all its events are carried elsewhere: it is reported only through this finding (and others). */
  folded: boolean;
}

export type Suppression = AllowlistSuppression | IssueSuppression;

export interface AllowlistSuppression {
  kind: 'allowlist';
  /** The allowlist entry's mandatory reason. */
  reason: string;
  /** Where the entry is: `file:line`. */
  entry: string;
}

/** The finding's tracking issue was closed as not planned (or as a duplicate): triage said to stop reporting it. */
export interface IssueSuppression {
  kind: 'issue-not-planned';
  /** "issue #12 was closed as not planned". */
  reason: string;
  /** The issue's URL. */
  entry: string;
  issue: number;
}
