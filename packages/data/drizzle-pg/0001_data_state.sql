-- Hand-written, as SQLite's 0003: the data version row (a random database id, like SQLite's
-- lower(hex(randomblob(8)))) and the triggers that bump it on every change a chart can show.
-- SQLite's 0007 backfilled corridor_ranges from existing observations; a new PostgreSQL database
-- starts empty, so this baseline has no backfill.
INSERT INTO "data_state" ("id", "database_id", "version") VALUES (1, left(replace(gen_random_uuid()::text, '-', ''), 16), 0);
--> statement-breakpoint
CREATE FUNCTION "corridor_bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "data_state" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "data_version_import_insert" AFTER INSERT ON "imports" FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "data_version_import_status" AFTER UPDATE OF "status" ON "imports" FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "data_version_event_insert" AFTER INSERT ON "events" FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "data_version_event_update" AFTER UPDATE ON "events" FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
--> statement-breakpoint
CREATE TRIGGER "data_version_event_delete" AFTER DELETE ON "events" FOR EACH ROW EXECUTE FUNCTION "corridor_bump_data_version"();
