/**
 * The credentials an investigation follows, and which CloudTrail records they made.
 *
 * A record is in scope when its caller is one of them:
 * - an access key: `userIdentity.accessKeyId` (exact: a key id is unique);
 * - an IAM user name: an `IAMUser` identity of that name (in any account the source holds: an ARN pins one);
 * - a principal ARN: `userIdentity.arn` (a user, one role session, a federated user, the root user);
 * - a role ARN: every session of the role (`sessionContext.sessionIssuer.arn`);
 * - the console sessions of a user (followed from a login profile the suspect set): the user's `ConsoleLogin` and
 *   the calls made with console credentials (`sessionCredentialFromConsole`), from the profile's time on.
 *
 * Following (`--follow`): a successful call by a credential in scope that hands out new credentials adds them, one
 * hop further: `CreateAccessKey` (the new key), `AssumeRole` (the session's key; its ARN is shown, not matched,
 * since anyone who may assume the role can reuse a session name), `GetSessionToken` and `GetFederationToken` (the
 * temporary key), `CreateLoginProfile` / `UpdateLoginProfile` (the user's console sessions from then on). Each
 * addition is a hop: who, by which event, when.
 *
 * Role ARNs also take in the sessions of the role that `AssumeRole` records show (whoever called it): at the
 * role's own depth, not as hops. The LookupEvents source finds a role's activity that way (its sessions' keys).
 */
import type { CloudTrailRecord } from '../core/record.js';
import type { InvestigationScope, Principal } from './scope.js';

export type CredentialKind = 'access-key' | 'user' | 'principal' | 'role' | 'console';

/** How a credential joined the investigation: the call that created it. */
export interface Hop {
  /** The credential that made the call (its `value`). */
  from: string;
  eventName: string;
  eventID: string;
  eventTime: string;
  awsRegion: string;
}

export interface Credential {
  kind: CredentialKind;
  /** The access key id, the user name or the ARN. */
  value: string;
  /** Shown beside the value: a session's ARN, the user a key belongs to. */
  label?: string;
  /** Hops from a credential the user gave (0: given, or a session of a given role). */
  depth: number;
  /** Events before this time (epoch ms) are not this credential's (console sessions after a new password). */
  since?: number;
  /** The call that created it (followed credentials and sessions of a role). */
  via?: Hop;
  /** A session of the given role, found in its AssumeRole events. */
  sessionOf?: string;
  principal?: Principal;
}

const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
const USER_NAME = /^[\w+=,.@-]{1,64}$/;
const SESSION_CALLS = new Set(['AssumeRole', 'GetSessionToken', 'GetFederationToken']);
const LOGIN_PROFILE_CALLS = new Set(['CreateLoginProfile', 'UpdateLoginProfile']);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class CredentialSet {
  private readonly byKey = new Map<string, Credential>();
  private readonly byUser = new Map<string, Credential>();
  private readonly byArn = new Map<string, Credential>();
  private readonly byRole = new Map<string, Credential>();
  private readonly consoleOf = new Map<string, Credential>();
  private readonly list: Credential[] = [];
  private added: Credential[] = [];
  private needles: RegExp | undefined;

  /** `follow`: hops to follow (0: none). */
  constructor(
    scope: InvestigationScope,
    readonly follow = 0,
  ) {
    for (const value of scope.accessKeyIds) this.add({ kind: 'access-key', value, depth: 0 });
    for (const value of scope.userNames) this.add({ kind: 'user', value, depth: 0 });
    for (const principal of scope.principals) {
      this.add({
        kind: principal.kind === 'role' ? 'role' : 'principal',
        value: principal.arn,
        depth: 0,
        principal,
      });
    }
    this.added = [];
  }

  get all(): readonly Credential[] {
    return this.list;
  }

  /** The credentials added since the last call (followed, or sessions of a role), for the next round of reads. */
  takeAdded(): Credential[] {
    const added = this.added;
    this.added = [];
    return added;
  }

  /**
   * False when the record's text cannot be in scope (none of the credentials' distinctive strings occurs in it):
   * most records of a full source are dropped without being parsed. Records that pass are checked by `match`.
   */
  mayMatch(text: string): boolean {
    this.needles ??= new RegExp(this.list.map((c) => escapeRegExp(needle(c))).join('|'));
    return this.needles.test(text);
  }

  /** The credential that made the record, if one is in scope. */
  match(record: CloudTrailRecord): Credential | undefined {
    const identity = obj(record.userIdentity);
    if (!identity) return undefined;
    const key = str(identity.accessKeyId);
    if (key !== undefined) {
      const byKey = this.byKey.get(key);
      if (byKey) return byKey;
    }
    const arn = str(identity.arn);
    if (arn !== undefined) {
      const byArn = this.byArn.get(arn);
      if (byArn) return byArn;
    }
    if (this.byRole.size > 0) {
      const issuer = obj(obj(identity.sessionContext)?.sessionIssuer);
      const role = str(issuer?.arn);
      if (role !== undefined && str(issuer?.type) === 'Role') {
        const byRole = this.byRole.get(role);
        if (byRole) return byRole;
      }
    }
    const userName = str(identity.userName);
    if (userName !== undefined && str(identity.type) === 'IAMUser') {
      const byUser = this.byUser.get(userName);
      if (byUser) return byUser;
      const console = this.consoleOf.get(userName);
      if (console && isConsoleActivity(record) && timeOf(record) >= (console.since ?? 0)) return console;
    }
    return undefined;
  }

  /**
   * Looks at a record the source yielded (in scope or not): the credential in scope that made it, after adding
   * what it created (when following and not at the depth limit) and, for a role in scope, the session it started.
   */
  observe(record: CloudTrailRecord): Credential | undefined {
    const by = this.match(record);
    if (this.byRole.size > 0) this.roleSession(record);
    if (by && by.depth < this.follow) this.followFrom(record, by);
    return by;
  }

  private followFrom(record: CloudTrailRecord, by: Credential): void {
    if (record.errorCode !== undefined && record.errorCode !== null) return;
    const name = str(record.eventName) ?? '';
    const response = obj(record.responseElements);
    const hop: Hop = {
      from: by.value,
      eventName: name,
      eventID: str(record.eventID) ?? '',
      eventTime: str(record.eventTime) ?? '',
      awsRegion: str(record.awsRegion) ?? '',
    };
    const depth = by.depth + 1;
    if (name === 'CreateAccessKey') {
      const accessKey = obj(response?.accessKey);
      const key = str(accessKey?.accessKeyId);
      const user = str(accessKey?.userName);
      if (key !== undefined && ACCESS_KEY_ID.test(key)) {
        this.add({
          kind: 'access-key',
          value: key,
          depth,
          via: hop,
          ...(user ? { label: `user ${user}` } : {}),
        });
      }
    } else if (SESSION_CALLS.has(name)) {
      const key = str(obj(response?.credentials)?.accessKeyId);
      const arn = str(obj(response?.assumedRoleUser)?.arn) ?? str(obj(response?.federatedUser)?.arn);
      if (key !== undefined && ACCESS_KEY_ID.test(key)) {
        this.add({ kind: 'access-key', value: key, depth, via: hop, ...(arn ? { label: arn } : {}) });
      }
    } else if (LOGIN_PROFILE_CALLS.has(name)) {
      const user = str(obj(record.requestParameters)?.userName) ?? str(obj(record.userIdentity)?.userName);
      if (user !== undefined && USER_NAME.test(user) && !this.byUser.has(user)) {
        this.add({
          kind: 'console',
          value: user,
          depth,
          via: hop,
          since: timeOf(record),
          label: `console sessions of user ${user}`,
        });
      }
    }
  }

  /** An AssumeRole of a role in scope: the session's key joins the role's credentials. */
  private roleSession(record: CloudTrailRecord): void {
    if (record.eventName !== 'AssumeRole' || (record.errorCode !== undefined && record.errorCode !== null))
      return;
    const roleArn = str(obj(record.requestParameters)?.roleArn);
    const role = roleArn !== undefined ? this.byRole.get(roleArn) : undefined;
    if (!role) return;
    const response = obj(record.responseElements);
    const key = str(obj(response?.credentials)?.accessKeyId);
    if (key === undefined || !ACCESS_KEY_ID.test(key)) return;
    const arn = str(obj(response?.assumedRoleUser)?.arn);
    this.add({
      kind: 'access-key',
      value: key,
      depth: role.depth,
      sessionOf: role.value,
      via: {
        from: str(obj(record.userIdentity)?.arn) ?? str(obj(record.userIdentity)?.invokedBy) ?? '',
        eventName: 'AssumeRole',
        eventID: str(record.eventID) ?? '',
        eventTime: str(record.eventTime) ?? '',
        awsRegion: str(record.awsRegion) ?? '',
      },
      ...(arn ? { label: arn } : {}),
    });
  }

  private add(credential: Credential): void {
    const map = this.mapOf(credential);
    if (map.has(credential.value)) return;
    map.set(credential.value, credential);
    this.list.push(credential);
    this.added.push(credential);
    this.needles = undefined;
  }

  private mapOf(credential: Credential): Map<string, Credential> {
    switch (credential.kind) {
      case 'access-key':
        return this.byKey;
      case 'user':
        return this.byUser;
      case 'principal':
        return this.byArn;
      case 'role':
        return this.byRole;
      case 'console':
        return this.consoleOf;
    }
  }
}

/** A console sign-in or a call made with console credentials. */
function isConsoleActivity(record: CloudTrailRecord): boolean {
  return record.eventName === 'ConsoleLogin' || record.sessionCredentialFromConsole === 'true';
}

function timeOf(record: CloudTrailRecord): number {
  const time = Date.parse(str(record.eventTime) ?? '');
  return Number.isNaN(time) ? 0 : time;
}

/** A string every record of the credential has in its text (JSON writes none of these characters escaped). */
function needle(credential: Credential): string {
  if (credential.kind !== 'principal' && credential.kind !== 'role') return credential.value;
  const p = credential.principal;
  if (p?.kind === 'root') return ':root';
  return p?.session ?? p?.name ?? credential.value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
