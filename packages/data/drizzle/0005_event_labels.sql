ALTER TABLE `events` ADD `is_key` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `label` text;