-- Issue 8: cover for an absent colleague moves every open task of theirs in one edit, inside
-- the push's transaction: one index look-up by assignee and status.
CREATE INDEX rows_tasks_by_assignee ON rows (
  json_extract(data, '$.assigneeUserId'),
  json_extract(data, '$.status')
) WHERE tbl = 'tasks';
