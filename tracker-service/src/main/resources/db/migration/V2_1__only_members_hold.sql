-- Only members hold files: holdings of users who are not (or no longer) members of the file's group go,
-- then the files nobody holds any more (as leaving a group does since this version).
DELETE FROM holdings WHERE NOT EXISTS (
    SELECT 1 FROM shared_files f JOIN group_members m ON m.group_id = f.group_id
    WHERE f.id = holdings.file_id AND m.user_id = holdings.user_id);
DELETE FROM shared_files WHERE NOT EXISTS (SELECT 1 FROM holdings h WHERE h.file_id = shared_files.id);
