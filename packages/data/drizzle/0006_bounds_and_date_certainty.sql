ALTER TABLE `events` ADD `uncertain_dates` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `observations` ADD `bound` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `old_bound` text;--> statement-breakpoint
ALTER TABLE `revisions` ADD `new_bound` text;