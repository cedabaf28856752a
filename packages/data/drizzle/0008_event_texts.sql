ALTER TABLE `events` ADD `title_ru` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `summary_ru` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `body_ru` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `label_ru` text;--> statement-breakpoint
ALTER TABLE `events` ADD `translated_by` text;--> statement-breakpoint
ALTER TABLE `events` ADD `translated_on` text;--> statement-breakpoint
ALTER TABLE `events` ADD `translated_by_ru` text;--> statement-breakpoint
ALTER TABLE `events` ADD `translated_on_ru` text;