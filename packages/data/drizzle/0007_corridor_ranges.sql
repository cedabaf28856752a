CREATE TABLE `corridor_ranges` (
	`origin` text NOT NULL,
	`destination` text NOT NULL,
	`indicator` text NOT NULL,
	`breakdown` text NOT NULL,
	`frequency` text NOT NULL,
	`observations` integer NOT NULL,
	`first_period` text NOT NULL,
	`last_period` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	PRIMARY KEY(`origin`, `destination`, `indicator`, `breakdown`, `frequency`)
);
--> statement-breakpoint
-- Hand-written: the backfill, one pass over the observations an older release holds.
INSERT INTO `corridor_ranges` (`origin`, `destination`, `indicator`, `breakdown`, `frequency`, `observations`, `first_period`, `last_period`, `first_day`, `last_day`)
SELECT `origin`, `destination`, `indicator`, `breakdown`, `frequency`, count(*), min(`period`), max(`period`), min(`period_start`), max(`period_end`)
FROM `observations` GROUP BY `origin`, `destination`, `indicator`, `breakdown`, `frequency`;
