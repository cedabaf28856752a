CREATE TABLE `event_countries` (
	`event_id` text NOT NULL,
	`country` text NOT NULL,
	`role` text DEFAULT 'party' NOT NULL,
	PRIMARY KEY(`event_id`, `country`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_countries_country_idx` ON `event_countries` (`country`);--> statement-breakpoint
CREATE TABLE `event_links` (
	`from_event` text NOT NULL,
	`relation` text NOT NULL,
	`to_event` text NOT NULL,
	PRIMARY KEY(`from_event`, `relation`, `to_event`),
	FOREIGN KEY (`from_event`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_event`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_links_to_idx` ON `event_links` (`to_event`);--> statement-breakpoint
CREATE TABLE `event_versions` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`version` integer NOT NULL,
	`snapshot` text NOT NULL,
	`replaced_at` text NOT NULL,
	`replaced_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_versions_key_idx` ON `event_versions` (`event_id`,`version`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text,
	`date_precision` text DEFAULT 'day' NOT NULL,
	`announced_on` text,
	`in_force_on` text,
	`expires_on` text,
	`document_ref` text,
	`source_url` text,
	`summary` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`verification` text DEFAULT 'unverified' NOT NULL,
	`verification_note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_starts_on_idx` ON `events` (`starts_on`);--> statement-breakpoint
CREATE INDEX `events_kind_idx` ON `events` (`kind`);