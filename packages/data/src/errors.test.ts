/** The one error type: codes decide HTTP statuses and exit statuses; the data package's errors carry theirs. */
import { describe, expect, it } from "vitest";
import { CorridorError, exitCodeOf, httpStatusOf } from "./errors.ts";
import { AccountError } from "./accounts.ts";
import { UndoError } from "./history.ts";
import { EventConflictError, EventNotFoundError, EventValidationError } from "./events/edit.ts";
import { DatabaseError } from "./db.ts";
import { WriteBusyError } from "./write-gate.ts";
import { BadInputError } from "./import/decode.ts";
import { MappingError } from "./import/normalise.ts";
import { ProfileError } from "./import/profiles.ts";
import { QueryArgumentError } from "./queries/resolve.ts";

describe("CorridorError", () => {
  it("maps each data-package error to the status and exit code the web and CLI have always used", () => {
    const cases: [Error, number, number][] = [
      [new AccountError("the password must have at least 10 characters"), 422, 2],
      [new AccountError("a user with the email a@b.c already exists", "exists"), 409, 2],
      [new UndoError("import 3 was already undone"), 409, 1],
      [new EventValidationError([{ key: "kind", message: "unknown" }]), 422, 2],
      [new EventConflictError("saved since", 4), 409, 1],
      [new EventNotFoundError("x"), 404, 1],
      [new DatabaseError("busy", "SQLITE_BUSY"), 503, 1],
      [new DatabaseError("full", "SQLITE_FULL"), 500, 1],
      [new WriteBusyError("saving", "an import", 1000), 503, 1],
      [new BadInputError("not UTF-8", 3), 422, 1],
      [new MappingError("--map unit=value: unknown role"), 422, 2],
      [new ProfileError("no import profile"), 400, 2],
      [new QueryArgumentError("--from x: bad", "from", "bad"), 400, 2],
    ];
    for (const [error, status, exit] of cases) {
      expect(CorridorError.is(error), error.constructor.name).toBe(true);
      expect([httpStatusOf((error as CorridorError).code), exitCodeOf(error)], error.constructor.name).toEqual([status, exit]);
    }
    expect(exitCodeOf(new Error("anything else"))).toBe(1);
  });

  it("keeps the class names (instanceof, toThrow(Class)) and shapes the bodies clients already read", () => {
    const invalid = new EventValidationError([{ key: "kind", message: "unknown" }]);
    expect(invalid).toBeInstanceOf(EventValidationError);
    expect(invalid.name).toBe("EventValidationError");
    expect(invalid.body()).toEqual({ error: invalid.message, errors: [{ key: "kind", message: "unknown" }] });
    expect(new EventConflictError("saved since").body()).toEqual({ error: "saved since", currentVersion: null });
    expect(new QueryArgumentError("--from x: bad", "from", '"x" bad').body()).toEqual({ error: 'from: "x" bad', parameter: "from" });
    expect(new BadInputError("binary", 1).body()).toEqual({ error: "binary", line: 1 });
  });

  it("is recognised by its brand across copies of the module (another Next.js chunk), not by instanceof", () => {
    const foreign = Object.assign(Object.create(Error.prototype), { [Symbol.for("corridor.CorridorError")]: true, code: "not_found", message: "gone" });
    expect(CorridorError.is(foreign)).toBe(true);
    expect(CorridorError.is(new Error("plain"))).toBe(false);
    expect(CorridorError.is(null)).toBe(false);
  });
});
