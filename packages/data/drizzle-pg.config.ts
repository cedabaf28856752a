import { defineConfig } from "drizzle-kit";

/** The PostgreSQL migrations, beside SQLite's (drizzle.config.ts): `npm run generate:pg`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema-pg.ts",
  out: "./drizzle-pg",
});
