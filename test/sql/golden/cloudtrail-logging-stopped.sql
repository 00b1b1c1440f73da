-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) and replace(string, search, replace)
-- (string functions; İ is replaced by i + U+0307 before lower() so that case folds as JavaScript's does); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Exact: eventSource equality case-insensitive (lower(col) = lower-cased literal), eventName list → OR,
-- `errorCode: null` → errorcode IS NULL (absent and JSON null both read as SQL NULL by the SerDe).
(COALESCE(lower(replace(eventsource, 'İ', 'i̇')) = 'cloudtrail.amazonaws.com', FALSE) AND (COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'stoplogging', FALSE) OR COALESCE(lower(replace(eventname, 'İ', 'i̇')) = 'deletetrail', FALSE)) AND errorcode IS NULL)
