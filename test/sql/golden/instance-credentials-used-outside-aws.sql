-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) and replace(string, search, replace)
-- (string functions; İ is replaced by i + U+0307 before lower() so that case folds as JavaScript's does); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Pushed down: |re gives the literal runs every match contains (':assumed-role/', '/i-') as case-sensitive LIKE
-- (a regex with a top-level | gives none); |cidr only "not NULL"; `invokedBy|exists: true` under NOT becomes
-- NOT (useridentity.invokedby IS NOT NULL) (a present key has a value unless it is JSON null, so NOT exists ⇒
-- IS NULL); the eventSource filter under NOT is exact and kept.
((COALESCE(lower(replace(useridentity.type, 'İ', 'i̇')) = 'assumedrole', FALSE) AND (useridentity.arn IS NOT NULL AND COALESCE(useridentity.arn LIKE '%:assumed-role/%' ESCAPE '\', FALSE) AND COALESCE(useridentity.arn LIKE '%/i-%' ESCAPE '\', FALSE)) AND sourceipaddress IS NOT NULL) AND (NOT (useridentity.invokedby IS NOT NULL)) AND (NOT (COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'ssm.amazonaws.com', FALSE) OR COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'ec2messages.amazonaws.com', FALSE) OR COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'ssmmessages.amazonaws.com', FALSE))))
