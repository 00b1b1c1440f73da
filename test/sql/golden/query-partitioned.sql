-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) and replace(string, search, replace)
-- (string functions; İ is replaced by i + U+0307 before lower() so that case folds as JavaScript's does); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Whole query: json_format(CAST(row AS JSON)) (JSON functions: CAST to JSON, json_format) returns struct and
-- array columns as JSON text (an object by field name on current Trino, an array in field order on old Presto:
-- rowToRecord reads both); concat_ws(',', ...) skips NULL arguments (Trino string functions), so rows carry only
-- the ids of rules whose CASE WHEN held; the outer query keeps rows with a tag (each predicate written once). Partition projection columns: "timestamp" (quoted: a type name) compared
-- as 'yyyy/MM/dd' text from the window's start day to the day of end + 60 min delivery margin; "account" IN,
-- "region" IN (partition columns always quoted). eventtime compared on substr(eventtime, 1, 19) (substr(string, start, length)) so that
-- fractional seconds do not fall outside the window; times not in the form ....-..-..T..:..:..[.fff]Z pass.
SELECT eventversion,
  json_format(CAST(useridentity AS JSON)) AS useridentity,
  eventtime,
  eventsource,
  eventname,
  awsregion,
  sourceipaddress,
  useragent,
  errorcode,
  errormessage,
  requestparameters,
  responseelements,
  additionaleventdata,
  requestid,
  eventid,
  readonly,
  json_format(CAST(resources AS JSON)) AS resources,
  eventtype,
  apiversion,
  recipientaccountid,
  serviceeventdetails,
  sharedeventid,
  vpcendpointid,
  vpcendpointaccountid,
  eventcategory,
  json_format(CAST(addendum AS JSON)) AS addendum,
  sessioncredentialfromconsole,
  edgedevicedetails,
  json_format(CAST(tlsdetails AS JSON)) AS tlsdetails,
  matched_rules
FROM (SELECT *, concat_ws(',', CASE WHEN (COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'cloudtrail.amazonaws.com', FALSE) AND (COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'stoplogging', FALSE) OR COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'deletetrail', FALSE)) AND errorcode IS NULL) THEN 'cloudtrail-logging-stopped' END, CASE WHEN (COALESCE(lower(eventname) IN ('modifyimageattribute'), FALSE) AND ((COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'ec2.amazonaws.com', FALSE) AND COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'modifyimageattribute', FALSE) AND errorcode IS NULL) AND ((requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%userId"%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(lower(requestparameters) LIKE '%all%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%organizationArn"%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%organizationalUnitArn"%' ESCAPE '\', FALSE))))) THEN 'ami-shared-externally' END) AS matched_rules
  FROM "security"."cloudtrail_logs"
  WHERE (("timestamp" >= '2026/11/27' AND "timestamp" <= '2026/11/29') AND "account" IN ('111122223333', '444455556666') AND "region" IN ('us-east-1', 'eu-west-1') AND (eventtime NOT LIKE '____-__-__T__:__:__%Z' OR (substr(eventtime, 1, 19) >= '2026-11-27T10:00:00' AND substr(eventtime, 1, 19) <= '2026-11-28T23:30:00')))) AS tagged
WHERE matched_rules <> ''
