/** The CORRIDOR_* variables: defaults when unset or blank, one clear error naming a variable that means nothing. */
import { describe, expect, it } from "vitest";
import { env } from "./env.ts";

describe("env", () => {
  it("reads numbers and paths, treating blank as unset", () => {
    expect(env({ CORRIDOR_WRITE_WAIT_MS: "50", CORRIDOR_DB: " /tmp/x.db ", CORRIDOR_BUSY_TIMEOUT_MS: "" })).toMatchObject({ CORRIDOR_WRITE_WAIT_MS: 50, CORRIDOR_DB: "/tmp/x.db", CORRIDOR_BUSY_TIMEOUT_MS: undefined });
  });

  it("names the variable whose value means nothing", () => {
    expect(() => env({ CORRIDOR_WRITE_WAIT_MS: "soon" })).toThrow('invalid environment: CORRIDOR_WRITE_WAIT_MS="soon": expected a whole number');
  });
});
