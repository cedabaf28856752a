CREATE TABLE `import_profiles` (
	`name` text PRIMARY KEY NOT NULL,
	`options` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
