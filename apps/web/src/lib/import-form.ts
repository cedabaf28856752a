/**
 * The upload form's state and its two translations: to the multipart fields of POST /api/imports
 * (the contract's names: format, indicator, origin, destination, encoding, decimal, delimiter,
 * countryRole, profile, saveProfile, map=ROLE=COLUMN), and from a saved import profile.
 */
import type { DecimalMark, Role } from "@corridor/data/pure";
import type { Format, PreviewOptions } from "./preview";

export interface ImportForm {
  format: Format | "auto";
  encoding: string;
  delimiter: string;
  decimal: DecimalMark | "auto";
  countryRole: "" | "origin" | "destination";
  /** Constants for every row. */
  indicator: string;
  origin: string;
  destination: string;
  /** The analyst's own column choices (role → column name); everything else is detected. */
  map: Partial<Record<Role, string>>;
  profile: string;
  saveProfile: string;
}

export const EMPTY_FORM: ImportForm = {
  format: "auto",
  encoding: "auto",
  delimiter: "auto",
  decimal: "auto",
  countryRole: "",
  indicator: "",
  origin: "",
  destination: "",
  map: {},
  profile: "",
  saveProfile: "",
};

/** The multipart fields for the form, in a stable order; "auto" and blanks are left out. */
export function importFields(form: ImportForm): [string, string][] {
  const fields: [string, string][] = [];
  const add = (name: string, value: string) => {
    if (value.trim() !== "" && value !== "auto") fields.push([name, value.trim()]);
  };
  add("format", form.format);
  add("encoding", form.encoding);
  add("delimiter", form.delimiter);
  add("decimal", form.decimal);
  add("countryRole", form.countryRole);
  add("indicator", form.indicator);
  add("origin", form.origin);
  add("destination", form.destination);
  for (const [role, column] of Object.entries(form.map)) if (column) fields.push(["map", `${role}=${column}`]);
  add("profile", form.profile);
  add("saveProfile", form.saveProfile);
  return fields;
}

/** What the preview needs to know of the form to read the file the same way. */
export function previewOptions(form: ImportForm): PreviewOptions {
  const auto = (v: string) => (v === "auto" || v === "" ? undefined : v);
  return {
    ...(auto(form.encoding) ? { encoding: form.encoding } : {}),
    ...(auto(form.delimiter) ? { delimiter: form.delimiter } : {}),
    ...(form.decimal !== "auto" ? { decimal: form.decimal } : {}),
    ...(form.format !== "auto" ? { format: form.format } : {}),
    ...(form.countryRole ? { countryRole: form.countryRole } : {}),
    ...(form.indicator.trim() ? { indicator: form.indicator.trim() } : {}),
    ...(form.origin.trim() ? { origin: form.origin.trim() } : {}),
    ...(form.destination.trim() ? { destination: form.destination.trim() } : {}),
    map: form.map,
  };
}

/** Gives `column` the role `role` (or takes the analyst's choice off it): one column per role, one role per column. */
export function assignRole(form: ImportForm, column: string, role: Role | null): ImportForm {
  const map = Object.fromEntries(Object.entries(form.map).filter(([r, c]) => c !== column && r !== role)) as ImportForm["map"];
  if (role) map[role] = column;
  return { ...form, map };
}

export interface SavedProfile {
  name: string;
  options: Record<string, unknown>;
}

/** The profiles route's body, whichever of `[…]` or `{profiles: […]}` it is. */
export function profilesFrom(body: unknown): SavedProfile[] {
  const list = Array.isArray(body) ? body : (body as { profiles?: unknown })?.profiles;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p) =>
    p && typeof p === "object" && typeof (p as SavedProfile).name === "string" ? [{ name: (p as SavedProfile).name, options: ((p as SavedProfile).options ?? {}) as Record<string, unknown> }] : [],
  );
}

/** A profile's options (as profiles.ts keeps them) laid over a blank form; the profile is named so the server applies it too. */
export function formFromProfile(profile: SavedProfile): ImportForm {
  const o = profile.options;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  const map = o.map && typeof o.map === "object" ? Object.fromEntries(Object.entries(o.map as Record<string, unknown>).filter(([, v]) => typeof v === "string")) : {};
  return {
    ...EMPTY_FORM,
    format: (text(o.format) || "auto") as ImportForm["format"],
    encoding: text(o.encoding) || "auto",
    delimiter: text(o.delimiter) || "auto",
    decimal: o.decimal === "," || o.decimal === "." ? o.decimal : "auto",
    countryRole: o.countryRole === "origin" || o.countryRole === "destination" ? o.countryRole : "",
    indicator: text(o.indicator),
    origin: text(o.origin),
    destination: text(o.destination),
    map: map as ImportForm["map"],
    profile: profile.name,
  };
}
