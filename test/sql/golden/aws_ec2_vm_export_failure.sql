-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) (string functions); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Pushed down: `not 1 of filter*` holds a JSON-column test (responseElements|contains) that has only a necessary
-- condition, so under NOT only the exact filters remain (NOT (errormessage LIKE '%' OR errorcode LIKE '%')),
-- plus the rule's eventName set. `contains '*'` → LIKE '%' (matches any non-NULL value, as the engine does).
(COALESCE(lower(eventname) IN ('createinstanceexporttask'), FALSE) AND ((COALESCE(lower(eventname) = 'createinstanceexporttask', FALSE) AND COALESCE(lower(eventsource) = 'ec2.amazonaws.com', FALSE)) AND (NOT (COALESCE(lower(errormessage) LIKE '%' ESCAPE '\', FALSE) OR COALESCE(lower(errorcode) LIKE '%' ESCAPE '\', FALSE)))))
