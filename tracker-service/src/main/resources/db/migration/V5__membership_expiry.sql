-- Memberships may end: expires_at NULL lasts for good. A group's member_ttl_seconds, when set, is how long a
-- membership granted from then on lasts. Portable SQL (H2 and PostgreSQL).
ALTER TABLE group_members ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_group_members_expires ON group_members (expires_at);
ALTER TABLE share_groups ADD COLUMN member_ttl_seconds BIGINT;
