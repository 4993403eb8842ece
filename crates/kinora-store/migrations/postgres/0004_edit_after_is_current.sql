-- The last edit of an entity need not copy the entity's document: its state
-- after is the entity's row as it stands. Such an edit has after_state null
-- and after_is_current 1; the next write of the entity fills in after_state
-- (with that write's state before) and clears the mark, in the same
-- transaction. So an import of millions writes each document once, not
-- twice, and every edit still has its state after.

alter table edit add column after_is_current integer not null default 0;
