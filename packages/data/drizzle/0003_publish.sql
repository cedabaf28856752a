CREATE TABLE `data_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`database_id` text NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `snapshots` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`query` text NOT NULL,
	`payload` text NOT NULL,
	`data_version` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
-- Hand-written: the data version row and the triggers that bump it on every change a chart can show.
INSERT INTO `data_state` (`id`, `database_id`, `version`) VALUES (1, lower(hex(randomblob(8))), 0);
--> statement-breakpoint
CREATE TRIGGER `data_version_import_insert` AFTER INSERT ON `imports` BEGIN UPDATE `data_state` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_version_import_status` AFTER UPDATE OF `status` ON `imports` BEGIN UPDATE `data_state` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_version_event_insert` AFTER INSERT ON `events` BEGIN UPDATE `data_state` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_version_event_update` AFTER UPDATE ON `events` BEGIN UPDATE `data_state` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_version_event_delete` AFTER DELETE ON `events` BEGIN UPDATE `data_state` SET `version` = `version` + 1 WHERE `id` = 1; END;
