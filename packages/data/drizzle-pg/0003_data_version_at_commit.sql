-- Hand-written. The data version is bumped when a transaction commits, not when it writes its first
-- row: the triggers become deferred constraint triggers. An import inserts its imports row at its
-- start, and the bump's row lock on data_state then lasted until its COMMIT, so an event saved on
-- another instance (whose own bump updates the same row) waited for the whole import. Now each
-- writer holds that row only while it commits. What readers see is unchanged: the new version
-- becomes visible with the rows, in the same commit.
DROP TRIGGER "data_version_import_insert" ON "imports";
--> statement-breakpoint
DROP TRIGGER "data_version_import_status" ON "imports";
--> statement-breakpoint
DROP TRIGGER "data_version_event_insert" ON "events";
--> statement-breakpoint
DROP TRIGGER "data_version_event_update" ON "events";
--> statement-breakpoint
DROP TRIGGER "data_version_event_delete" ON "events";
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_import_insert" AFTER INSERT ON "imports" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_import_status" AFTER UPDATE OF "status" ON "imports" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_event_insert" AFTER INSERT ON "events" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_event_update" AFTER UPDATE ON "events" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "data_version_event_delete" AFTER DELETE ON "events" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
