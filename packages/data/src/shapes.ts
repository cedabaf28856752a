/**
 * The shapes that cross an edge into Corridor — request bodies, the upload form's options, import
 * profiles read back from the database — declared once with zod. Each message is the one a client
 * is shown (the route wrapper sends the first issue's message as the 400's `error`).
 */
import { z } from "zod";
import { createSelectSchema } from "drizzle-zod";
import { importProfiles, USER_ROLES } from "./schema.ts";
import { FORMATS } from "./import/formats.ts";
import { MappingError, parseRoleMap, ROLES } from "./import/normalise.ts";

/** POST /api/users: a new account. Strings first, so a body missing them says so before the role. */
export const newUserBody = z.object({
  email: z.string({ error: "expected {email, password, role, name?} as strings" }),
  password: z.string({ error: "expected {email, password, role, name?} as strings" }),
  name: z.string({ error: "expected {email, password, role, name?} as strings" }).optional(),
  role: z.enum(USER_ROLES, { error: `role must be ${USER_ROLES.slice(0, -1).join(", ")} or ${USER_ROLES.at(-1)}` }),
});
export type NewUserBody = z.infer<typeof newUserBody>;

/** POST /api/events/suggest: the press release's text. */
export const suggestBody = z.object({
  text: z.string({ error: 'expected {"text": "…"}' }).refine((text) => text.trim() !== "", { error: 'expected {"text": "…"}' }),
});

/**
 * POST /api/events: the raw event record (snake_case keys, as the Markdown and CSV readers take
 * them). Any JSON object: the data package validates its fields, 422 per key.
 */
export const eventBody = z.looseObject({});

/** PUT /api/events/:id: the record and the version the editor started from. */
export const eventUpdateBody = z.looseObject({
  baseVersion: z.int({ error: "baseVersion must be a whole number" }).optional(),
});

const textOption = (key: string) => z.string().max(200, { error: `${key}: too long` }).optional();

/**
 * The upload form's options (POST /api/imports), as text fields: each checked here with the message
 * the form shows, `map` by the CLI's --map rules.
 */
export const importFormOptions = z.object({
  format: z
    .enum(["auto", ...FORMATS], { error: (issue) => `format "${String(issue.input)}": expected auto or one of ${FORMATS.join(", ")}` })
    .optional(),
  indicator: textOption("indicator"),
  origin: textOption("origin"),
  destination: textOption("destination"),
  encoding: textOption("encoding"),
  delimiter: textOption("delimiter"),
  decimal: z.enum([".", ",", "auto"], { error: (issue) => `decimal "${String(issue.input)}": expected ".", "," or auto` }).optional(),
  countryRole: z.enum(["origin", "destination"], { error: (issue) => `countryRole "${String(issue.input)}": expected origin or destination` }).optional(),
  map: z
    .array(z.string({ error: "map: expected ROLE=COLUMN text" }), { error: "map: expected ROLE=COLUMN text" })
    .transform((pairs, ctx) => {
      try {
        const map = parseRoleMap(pairs, "map");
        return Object.keys(map).length > 0 ? map : undefined;
      } catch (error) {
        if (!(error instanceof MappingError)) throw error;
        ctx.issues.push({ code: "custom", message: error.message, input: pairs });
        return z.NEVER;
      }
    }),
  profile: z.string().optional(),
  saveProfile: z.string().optional(),
});
export type ImportFormOptions = z.infer<typeof importFormOptions>;

/** What a saved profile keeps (ProfileOptions in import/profiles.ts): how to read a file. */
export const profileOptions = z.object({
  format: z.enum(["auto", ...FORMATS]).optional(),
  indicator: z.string().optional(),
  origin: z.string().optional(),
  destination: z.string().optional(),
  source: z.string().optional(),
  map: z.partialRecord(z.enum(ROLES), z.string()).optional(),
  countryRole: z.enum(["origin", "destination"]).optional(),
  columns: z.array(z.enum(ROLES)).optional(),
  decimal: z.enum([".", ",", "auto"]).optional(),
  delimiter: z.string().optional(),
  encoding: z.string().optional(),
});

/** An import_profiles row as read back: the table's columns, its JSON options checked. */
export const importProfileRow = createSelectSchema(importProfiles, { options: profileOptions });
export type ImportProfileRow = z.infer<typeof importProfileRow>;
