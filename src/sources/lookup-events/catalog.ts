/**
 * What LookupEvents can fetch by a cheaper attribute than the event's name, for the names the built-in rules use.
 *
 * WRITE_EVENTS: API calls that CloudTrail records as write events (`readOnly: false`), so that the one lookup
 * `ReadOnly=false` returns every event of them. An entry here is a promise that no event of that name is recorded as
 * read-only: a wrong entry loses events, a missing one only costs a lookup by name. So only calls that change
 * something are listed (creating, deleting, modifying, attaching, starting, stopping, sending, enabling...), checked
 * against real records where the repository has them (test/fixtures/real-cloudtrail, samples/); `GetFederationToken`
 * is a write event despite its name. Names not listed (the user's own rules, reads such as `GetSecretValue`,
 * `GetCallerIdentity`, and names whose records may lack `readOnly`, such as sign-in events) are looked up by name.
 *
 * WRITE_PREFIXES: the same for a rule that names its events by prefix (`eventName|startswith`): Lambda's versioned
 * API names (`UpdateFunctionCode20150331v2`).
 *
 * DATA_EVENTS: S3 object-level calls, which CloudTrail records as data events. LookupEvents returns management
 * events only: no lookup can fetch them, and a rule on them is reported as not served by this source.
 */

export const WRITE_EVENTS: ReadonlySet<string> = new Set([
  // EC2
  'AuthorizeSecurityGroupIngress',
  'CreateKeyPair',
  'CreateNetworkAclEntry',
  'CreateRoute',
  'DeleteFlowLogs',
  'DeleteSnapshot',
  'DeleteVolume',
  'DisableEbsEncryptionByDefault',
  'EnableSerialConsoleAccess',
  'ImportKeyPair',
  'ModifyImageAttribute',
  'ModifyInstanceAttribute',
  'ModifySnapshotAttribute',
  'ReplaceNetworkAclEntry',
  'ReplaceRoute',
  'RunInstances',
  'SendSSHPublicKey',
  'SendSerialConsoleSSHPublicKey',
  'StartInstances',
  'StopInstances',
  'TerminateInstances',
  // IAM, STS, Organizations, account, IAM Roles Anywhere, Directory Service
  'AddClientIDToOpenIDConnectProvider',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'AttachUserPolicy',
  'CreateAccessKey',
  'CreateLoginProfile',
  'CreateOpenIDConnectProvider',
  'CreatePolicyVersion',
  'CreateRole',
  'CreateSAMLProvider',
  'CreateTrustAnchor',
  'CreateUser',
  'DeactivateMFADevice',
  'DeleteOpenIDConnectProvider',
  'DeleteSAMLProvider',
  'DeleteVirtualMFADevice',
  'EnableRegion',
  'EnableTrustAnchor',
  'GetFederationToken',
  'LeaveOrganization',
  'PutGroupPolicy',
  'PutRolePolicy',
  'PutUserPolicy',
  'UpdateAssumeRolePolicy',
  'UpdateLoginProfile',
  'UpdateOpenIDConnectProviderThumbprint',
  'UpdateSAMLProvider',
  'UpdateTrustAnchor',
  'AssociateDirectory',
  'DisassociateDirectory',
  'DisableExternalIdPConfigurationForDirectory',
  'EnableExternalIdPConfigurationForDirectory',
  // SSM
  'SendCommand',
  'StartSession',
  // CloudTrail, Config, CloudWatch, Logs, Route 53 Resolver, GuardDuty, Security Hub
  'DeleteTrail',
  'PutEventSelectors',
  'StopLogging',
  'UpdateTrail',
  'DeleteConfigurationRecorder',
  'DeleteDeliveryChannel',
  'StopConfigurationRecorder',
  'DeleteAlarms',
  'DeleteLogGroup',
  'DeleteLogStream',
  'DeleteResolverQueryLogConfig',
  'DisassociateResolverQueryLogConfig',
  'CreateFilter',
  'CreateIPSet',
  'CreateThreatIntelSet',
  'DeleteDetector',
  'DeleteInvitations',
  'DeleteMembers',
  'DisassociateFromAdministratorAccount',
  'DisassociateFromMasterAccount',
  'DisassociateMembers',
  'StopMonitoringMembers',
  'UpdateDetector',
  'UpdateFilter',
  'UpdateIPSet',
  'UpdateThreatIntelSet',
  'BatchUpdateFindings',
  'DeleteInsight',
  'DisableSecurityHub',
  'UpdateFindings',
  'UpdateInsight',
  // KMS
  'DeleteImportedKeyMaterial',
  'DisableKey',
  'ImportKeyMaterial',
  'PutKeyPolicy',
  'ScheduleKeyDeletion',
  // S3 (bucket-level: management events)
  'DeleteAccountPublicAccessBlock',
  'DeleteBucket',
  'DeleteBucketEncryption',
  'DeleteBucketPublicAccessBlock',
  'DeleteBucketReplication',
  'PutAccountPublicAccessBlock',
  'PutBucketAcl',
  'PutBucketLifecycle',
  'PutBucketLogging',
  'PutBucketPolicy',
  'PutBucketPublicAccessBlock',
  'PutBucketVersioning',
  // RDS, Backup
  'DeleteBackupVault',
  'DeleteBackupVaultLockConfiguration',
  'DeleteDBCluster',
  'DeleteDBClusterAutomatedBackup',
  'DeleteDBClusterSnapshot',
  'DeleteDBInstance',
  'DeleteDBInstanceAutomatedBackup',
  'DeleteDBSnapshot',
  'DeleteRecoveryPoint',
  'ModifyDBCluster',
  'ModifyDBClusterSnapshotAttribute',
  'ModifyDBInstance',
  'ModifyDBSnapshotAttribute',
]);

export const WRITE_PREFIXES: ReadonlySet<string> = new Set([
  'AddPermission',
  'CreateFunctionUrlConfig',
  'UpdateFunctionCode',
  'UpdateFunctionConfiguration',
  'UpdateFunctionUrlConfig',
]);

export const DATA_EVENTS: ReadonlySet<string> = new Set([
  'CopyObject',
  'CreateMultipartUpload',
  'DeleteObject',
  'DeleteObjects',
  'GetObject',
  'PutObject',
]);
