-- The three conflict kinds, the one definition that the evidence store (SQLite, `hotline conflicts`) and
-- the Spark job (Spark SQL, examples/spark/audit.py) both run, and that the in-memory cross-check of a
-- run (src/crosscheck.rs) is tested against (tests/store.rs).
--
-- It reads two tables:
--   claims(kind, base, org, role, role_source, hours_canonical, family)
--     one row per claim: `base` is the value without its extension, `org` the organisation the contact is
--     claimed for (a government line's owner first), `family` that organisation's family root in the
--     reference, `hours_canonical` the hours in comparable form (`24h`, `09:00-18:00`) or NULL.
--   official(org, role, kind, value)
--     the reference's official values per organisation, role and kind (`phone` or `email`).
-- and returns one row per competing value: conflict, org, role, claim_kind, value, claims (how many claims
-- make it). Written in the SQL that both engines share: no engine-specific functions, one statement.
WITH c AS (
    SELECT
        kind,
        base,
        org,
        CASE WHEN role_source = 'label' THEN role END AS role,
        hours_canonical,
        family
    FROM claims
    -- Invalid numbers are not compared (their digits are unreliable); a contact claimed for no
    -- organisation claims nothing.
    WHERE kind <> 'invalid_phone' AND org IS NOT NULL
),
-- One organisation and labelled role, several numbers (several mailboxes for one role are normal).
role_groups AS (
    SELECT org, role, kind
    FROM c
    WHERE kind = 'phone' AND role IS NOT NULL
    GROUP BY org, role, kind
    HAVING COUNT(DISTINCT base) >= 2
),
-- One value, claimed for organisations of different families, different roles (per-country directory
-- roles aside) or hours that cannot both be true.
value_groups AS (
    SELECT base
    FROM c
    GROUP BY base
    HAVING COUNT(DISTINCT family) > 1
        OR COUNT(DISTINCT CASE WHEN role NOT LIKE 'international:%' THEN role END) > 1
        OR COUNT(DISTINCT hours_canonical) > 1
)
SELECT 'same_role_different_values' AS conflict, c.org AS org, c.role AS role, c.kind AS claim_kind,
       c.base AS value, COUNT(*) AS claims
FROM c
JOIN role_groups g ON c.org = g.org AND c.role = g.role AND c.kind = g.kind
GROUP BY c.org, c.role, c.kind, c.base
UNION ALL
SELECT 'same_value_different_claims' AS conflict, NULL AS org, NULL AS role, NULL AS claim_kind,
       c.base AS value, COUNT(*) AS claims
FROM c
JOIN value_groups v ON c.base = v.base
GROUP BY c.base
UNION ALL
-- A labelled role for which the reference lists official values, claimed with a value it does not list.
SELECT 'reference_disagreement' AS conflict, c.org AS org, c.role AS role, c.kind AS claim_kind,
       c.base AS value, COUNT(*) AS claims
FROM c
WHERE c.role IS NOT NULL
  AND c.role NOT LIKE 'international:%'
  AND EXISTS (SELECT 1 FROM official o WHERE o.org = c.org AND o.role = c.role AND o.kind = c.kind)
  AND NOT EXISTS (SELECT 1 FROM official o
                  WHERE o.org = c.org AND o.role = c.role AND o.kind = c.kind AND o.value = c.base)
GROUP BY c.org, c.role, c.kind, c.base
