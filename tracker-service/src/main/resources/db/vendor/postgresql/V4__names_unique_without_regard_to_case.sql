-- User and group names are one name whatever their case ("Alice" is "alice"): unique and looked up that way,
-- shown as first written, through a nondeterministic ICU collation (H2 uses VARCHAR_IGNORECASE: db/vendor/h2).
-- Names that already differ only in case (possible before this version) keep the oldest; later ones become
-- "<name>-<id>" so that the constraint can hold.
UPDATE users SET username = LEFT(username, 40) || '-' || id
WHERE EXISTS (SELECT 1 FROM users o WHERE LOWER(o.username) = LOWER(users.username) AND o.id < users.id);
UPDATE share_groups SET name = LEFT(name, 40) || '-' || id
WHERE EXISTS (SELECT 1 FROM share_groups o WHERE LOWER(o.name) = LOWER(share_groups.name) AND o.id < share_groups.id);
CREATE COLLATION names_ignoring_case (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
ALTER TABLE users ALTER COLUMN username SET DATA TYPE VARCHAR(64) COLLATE names_ignoring_case;
ALTER TABLE share_groups ALTER COLUMN name SET DATA TYPE VARCHAR(64) COLLATE names_ignoring_case;
