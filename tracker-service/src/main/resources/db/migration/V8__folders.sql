-- Shared folders (issue 13). A folder's files are one text of lines "<sha256> <size> <path>" in path order, its empty
-- folders one text of paths a line (paths never hold control characters): one row read and written whatever the
-- number of files, which keeps registering and reading a folder of 100,000 files to one row. Both are NULL for a
-- single file. file_count and is_folder let the group's listing show a folder without reading its files.
-- Portable SQL (H2 and PostgreSQL).
ALTER TABLE shared_files ADD COLUMN is_folder BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE shared_files ADD COLUMN file_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shared_files ADD COLUMN folder_files TEXT;
ALTER TABLE shared_files ADD COLUMN empty_folders TEXT;
