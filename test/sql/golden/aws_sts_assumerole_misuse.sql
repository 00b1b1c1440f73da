-- Reviewed against Athena engine v3 (Trino) documentation: lower(string) and replace(string, search, replace)
-- (string functions; İ is replaced by i + U+0307 before lower() so that case folds as JavaScript's does); LIKE with
-- `ESCAPE '\'` (comparison operators, "LIKE": % and _ wildcards, the escape char makes them literal);
-- COALESCE(value, FALSE) keeps every leaf TRUE/FALSE so that NOT never meets NULL; IS [NOT] NULL; IN (list).
-- String literals are standard SQL: single quotes doubled, backslash is an ordinary character.
-- Exact: nested struct fields by dereference (useridentity.sessioncontext.sessionissuer.type), as in AWS's
-- documented CloudTrail queries; a NULL struct gives NULL, COALESCE turns the comparison FALSE.
(COALESCE(lower(replace(useridentity.type, 'İ', 'i̇')) = 'assumedrole', FALSE) AND COALESCE(lower(replace(useridentity.sessioncontext.sessionissuer.type, 'İ', 'i̇')) = 'role', FALSE))
