-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) (string functions); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Exact: nested struct fields by dereference (useridentity.sessioncontext.sessionissuer.type), as in AWS's
-- documented CloudTrail queries; a NULL struct gives NULL, COALESCE turns the comparison FALSE.
(COALESCE(lower(useridentity.type) = 'assumedrole', FALSE) AND COALESCE(lower(useridentity.sessioncontext.sessionissuer.type) = 'role', FALSE))
