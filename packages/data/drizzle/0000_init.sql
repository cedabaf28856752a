CREATE TABLE `countries` (
	`code` text PRIMARY KEY NOT NULL,
	`alpha2` text,
	`name_en` text NOT NULL,
	`name_ru` text NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`format` text NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	`imported_by` text NOT NULL,
	`imported_at` text NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`skipped_missing` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'committed' NOT NULL,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX `imports_sha256_idx` ON `imports` (`sha256`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`default_role` text DEFAULT 'origin' NOT NULL,
	`default_counterpart` text DEFAULT 'WLD' NOT NULL,
	`aliases` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator` text NOT NULL,
	`origin` text NOT NULL,
	`destination` text NOT NULL,
	`period` text NOT NULL,
	`frequency` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`value` real NOT NULL,
	`breakdown` text DEFAULT 'total' NOT NULL,
	`flag` text,
	`source` text,
	`import_id` integer NOT NULL,
	FOREIGN KEY (`indicator`) REFERENCES `indicators`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`origin`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destination`) REFERENCES `countries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_key_idx` ON `observations` (`origin`,`destination`,`indicator`,`period`,`breakdown`);--> statement-breakpoint
CREATE INDEX `observations_import_idx` ON `observations` (`import_id`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`indicator` text NOT NULL,
	`origin` text NOT NULL,
	`destination` text NOT NULL,
	`period` text NOT NULL,
	`breakdown` text NOT NULL,
	`old_value` real NOT NULL,
	`old_flag` text,
	`old_source` text,
	`old_import_id` integer NOT NULL,
	`new_value` real NOT NULL,
	`new_flag` text,
	`new_import_id` integer NOT NULL,
	`replaced_at` text NOT NULL,
	FOREIGN KEY (`old_import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`new_import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `revisions_new_import_idx` ON `revisions` (`new_import_id`);--> statement-breakpoint
CREATE INDEX `revisions_old_import_idx` ON `revisions` (`old_import_id`);--> statement-breakpoint
CREATE INDEX `revisions_key_idx` ON `revisions` (`indicator`,`origin`,`destination`,`period`,`breakdown`);