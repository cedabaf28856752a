/** Per test file: closes (and on a server drops) the PostgreSQL database onEngine() opened, if any. */
import { afterAll } from "vitest";
import { closeTestEngine } from "./helpers.ts";

afterAll(closeTestEngine);
