// The seven seed rules (test/helpers/busy-account.ts: SEED_RULE_IDS) written by hand for the other engines the
// benchmark compares with: a DuckDB WHERE clause and a jq filter. Sigma's `errorCode: null` means "absent or null";
// a filter on a field the record lacks does not exclude it, hence the coalesce/`// ""`.
//   guardduty-detector-deleted           guardduty DeleteDetector, no error
//   ec2-instance-connect-ssh-key-pushed  ec2-instance-connect SendSSHPublicKey, no error
//   ec2-serial-console-ssh-key-pushed    ec2-instance-connect SendSerialConsoleSSHPublicKey, no error
//   ec2-instances-launched               ec2 RunInstances, no error
//   iam-user-created, iam-access-key-created   iam CreateUser / CreateAccessKey, no error
//   ssm-send-command                     ssm SendCommand, no error, not from an AWS service address, and not invoked
//                                        by an AWS service unless that service is the console sign-in

const SSM_SERVICE_ADDRESSES = [
  'ssm-guiconnect.amazonaws.com',
  'ssm.amazonaws.com',
  'inspector2.amazonaws.com',
];

/** Over columns eventSource, eventName, errorCode, sourceIPAddress, invokedBy. */
export const SEED_WHERE = `errorCode IS NULL AND (
     (eventSource = 'guardduty.amazonaws.com' AND eventName = 'DeleteDetector')
  OR (eventSource = 'ec2-instance-connect.amazonaws.com' AND eventName IN ('SendSSHPublicKey', 'SendSerialConsoleSSHPublicKey'))
  OR (eventSource = 'ec2.amazonaws.com' AND eventName = 'RunInstances')
  OR (eventSource = 'iam.amazonaws.com' AND eventName IN ('CreateUser', 'CreateAccessKey'))
  OR (eventSource = 'ssm.amazonaws.com' AND eventName = 'SendCommand'
      AND coalesce(sourceIPAddress, '') NOT IN (${SSM_SERVICE_ADDRESSES.map((a) => `'${a}'`).join(', ')})
      AND NOT (coalesce(invokedBy, '') LIKE '%.amazonaws.com' AND invokedBy <> 'signin.amazonaws.com')))`;

/**
 * DuckDB reads only the fields the query needs: giving read_json the Records column's type (a list of structs
 * of those fields) was the fastest of the forms tried (auto-detected schema; read_json_objects + ->>).
 */
export function duckdbSeedQuery(glob) {
  const type =
    'STRUCT(eventID VARCHAR, eventSource VARCHAR, eventName VARCHAR, errorCode VARCHAR, sourceIPAddress VARCHAR, ' +
    'userIdentity STRUCT(invokedBy VARCHAR))[]';
  return `WITH recs AS (
    SELECT unnest(Records) AS r
    FROM read_json('${glob.replaceAll("'", "''")}', columns = {Records: '${type}'}, maximum_object_size = 1073741824)
  ), flat AS (
    SELECT r.eventID AS eventID, r.eventSource AS eventSource, r.eventName AS eventName, r.errorCode AS errorCode,
           r.sourceIPAddress AS sourceIPAddress, r.userIdentity.invokedBy AS invokedBy
    FROM recs
  )
  SELECT eventID, eventName FROM flat WHERE ${SEED_WHERE}`;
}

export const JQ_SEED_FILTER = `.Records[] | select(.errorCode == null and (
     (.eventSource == "guardduty.amazonaws.com" and .eventName == "DeleteDetector")
  or (.eventSource == "ec2-instance-connect.amazonaws.com"
      and (.eventName == "SendSSHPublicKey" or .eventName == "SendSerialConsoleSSHPublicKey"))
  or (.eventSource == "ec2.amazonaws.com" and .eventName == "RunInstances")
  or (.eventSource == "iam.amazonaws.com" and (.eventName == "CreateUser" or .eventName == "CreateAccessKey"))
  or (.eventSource == "ssm.amazonaws.com" and .eventName == "SendCommand"
      and ((.sourceIPAddress // "") as $ip | ${JSON.stringify(SSM_SERVICE_ADDRESSES)} | any(. == $ip) | not)
      and ((.userIdentity.invokedBy // "") | endswith(".amazonaws.com") and . != "signin.amazonaws.com" | not))
  )) | .eventID`;
