-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) and replace(string, search, replace)
-- (string functions; İ is replaced by i + U+0307 before lower() so that case folds as JavaScript's does); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Pushed down: paths under requestParameters (a STRING column of JSON text) become text searches on that column:
-- exists → the key followed by a quote appears; a value → its literal text appears (lower-cased unless cased).
-- json_extract_scalar is not used: the engine flattens arrays at any level of the path, JSON paths do not.
(COALESCE(lower(eventname) IN ('modifyimageattribute'), FALSE) AND ((COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'ec2.amazonaws.com', FALSE) AND COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'modifyimageattribute', FALSE) AND errorcode IS NULL) AND ((requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%userId"%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(lower(requestparameters) LIKE '%all%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%organizationArn"%' ESCAPE '\', FALSE)) OR (requestparameters IS NOT NULL AND COALESCE(requestparameters LIKE '%organizationalUnitArn"%' ESCAPE '\', FALSE)))))
