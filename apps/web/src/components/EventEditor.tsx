"use client";
/**
 * The event editor: every field of the model, a press-release box that asks the server for a
 * suggestion and prefills the form, the body's Markdown preview, the draft's marker on a corridor's
 * chart, and save through the write API (errors shown at their field). The mapping between form
 * and record lives in lib/event-form.
 */
import { useEffect, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { localePath } from "@/i18n/locale-path";
import { isLocale } from "@/i18n/routing";
import { eventInRange, parsePeriod, seriesRange, type Frequency } from "@corridor/data/pure";
import {
  applySuggestion,
  draftMarker,
  errorsByField,
  formToRecord,
  pickPreview,
  EVENT_KINDS,
  RELATIONS,
  ROLES,
  TEXT_FIELDS,
  type EventForm,
  type FieldError,
  type SuggestionLike,
} from "@/lib/event-form";
import { toChartEvent, type ChartEvent, type ChartPoint, type StoredEvent } from "@/lib/chart-model";
import type { MarkWords } from "@/lib/chart-words";
import { ChartPlaceholder } from "./ChartPlaceholder";
import { EventBody } from "./EventBody";

export interface EditorCorridor {
  origin: string;
  destination: string;
  label: string;
  indicators: { code: string; name: string; firstDay: string; lastDay: string }[];
}

const input =
  "mt-1 block w-full rounded-tremor-default border-tremor-border text-tremor-default shadow-tremor-input focus:border-tremor-brand focus:ring-tremor-brand dark:border-dark-tremor-border dark:bg-dark-tremor-background";
const button = "rounded-tremor-default border border-tremor-border px-3 py-1.5 text-tremor-default hover:bg-tremor-background-muted dark:border-dark-tremor-border";
const primary = "rounded-tremor-default bg-tremor-brand px-4 py-2 text-tremor-default font-medium text-white hover:bg-tremor-brand-emphasis disabled:opacity-50";

function Field({ name, label, errors, hint, children }: { name: string; label: string; errors?: string[]; hint?: string; children: ReactNode }) {
  return (
    <div data-field={name}>
      <label htmlFor={`f-${name}`} className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {label}
      </label>
      {children}
      {hint && <p className="mt-0.5 text-tremor-label text-tremor-content-subtle">{hint}</p>}
      {errors?.map((e) => (
        <p key={e} id={`err-${name}`} role="alert" className="mt-0.5 text-tremor-label text-red-700 dark:text-red-400">
          {e}
        </p>
      ))}
    </div>
  );
}

export function EventEditor({
  initial,
  baseVersion,
  events,
  corridors,
  translator = "",
  words,
}: {
  /** The chart's words in the page's language (server/chart-words.ts), for the marker preview. */
  words?: MarkWords;
  initial: EventForm;
  /** Who is editing: the default "translated by" when a language is marked as our translation. */
  translator?: string;
  /** Set when editing: the version the form started from (a newer save → 409). */
  baseVersion?: number;
  events: { id: string; title: string; startsOn: string }[];
  corridors: EditorCorridor[];
}) {
  const router = useRouter();
  const t = useTranslations("Editor");
  const kindName = useTranslations("KindOne");
  const rawLocale = useLocale();
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const editing = baseVersion !== undefined;
  const [form, setForm] = useState<EventForm>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [release, setRelease] = useState("");
  const [suggesting, setSuggesting] = useState(false);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const set = <K extends keyof EventForm>(key: K, value: EventForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const describedBy = (name: string) => (errors[name] ? `err-${name}` : undefined);

  async function suggest() {
    setSuggesting(true);
    setMessage(null);
    try {
      const response = await fetch("/api/events/suggest", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: release }) });
      const body = (await response.json().catch(() => ({}))) as { suggestion?: SuggestionLike; error?: string } & Partial<SuggestionLike>;
      if (!response.ok) throw new Error(body.error ?? t("suggestFailed", { status: response.status }));
      const suggestion = (body.suggestion ?? body) as SuggestionLike;
      setForm((f) => applySuggestion(f, suggestion, release));
      setMessage(t("filled", { lang: suggestion.language === "ru" ? "ru" : "en" }));
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setSuggesting(false);
    }
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const record = formToRecord(form);
      const response = await fetch(editing ? `/api/events/${encodeURIComponent(form.id)}` : "/api/events", {
        method: editing ? "PUT" : "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(editing ? { ...record, baseVersion } : record),
      });
      const body = (await response.json().catch(() => ({}))) as { id?: string; errors?: FieldError[]; error?: string };
      if (response.ok && body.id) {
        router.push(localePath(`/events/${body.id}`, locale));
        router.refresh();
        return;
      }
      if (response.status === 422 && body.errors) {
        setErrors(errorsByField(body.errors));
        setMessage(t("notSavedProblems", { count: body.errors.length }));
      } else if (response.status === 409) setMessage(t("notSavedNewer", { why: body.error ?? t("newerVersion") }));
      else if (response.status === 401 || response.status === 403) setMessage(t("notSavedSignIn"));
      else setMessage(t("notSaved", { why: body.error ?? `HTTP ${response.status}` }));
    } catch (error) {
      setMessage(t("notSaved", { why: (error as Error).message }));
    } finally {
      setSaving(false);
    }
  }

  async function remove() {
    // The id as saved: the form's id field may have been edited since.
    if (!window.confirm(t("confirmDelete", { title: initial.title || initial.title_ru || initial.id }))) return;
    setSaving(true);
    setDeleteProblem(null);
    try {
      const response = await fetch(`/api/events/${encodeURIComponent(initial.id)}`, { method: "DELETE" });
      if (response.status === 204) {
        router.push(localePath("/events", locale));
        router.refresh();
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      // 409: other events link to this one; the message names them.
      setDeleteProblem(t("notDeleted", { why: body.error ?? `HTTP ${response.status}` }));
    } catch (error) {
      setDeleteProblem(t("notDeleted", { why: (error as Error).message }));
    } finally {
      setSaving(false);
    }
  }

  const linkTargets = events.filter((e) => e.id !== form.id);
  const unknown = errors.id || errors.input ? [...(errors.id ?? []), ...(errors.input ?? [])] : [];
  const otherKeys = Object.keys(errors).filter((k) => !(k in form) && !["links", "input", "id"].includes(k));

  return (
    <form onSubmit={save} noValidate className="space-y-6" aria-label={editing ? t("formEdit") : t("formNew")}>
      {!editing && (
        <section className="rounded-tremor-default border border-dashed border-tremor-border p-4 dark:border-dark-tremor-border">
          <label htmlFor="f-release" className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {t("paste")}
          </label>
          <p className="text-tremor-label text-tremor-content-subtle">{t("pasteHint")}</p>
          <textarea id="f-release" rows={5} className={input} value={release} onChange={(e) => setRelease(e.target.value)} />
          <button type="button" className={`${button} mt-2`} disabled={!release.trim() || suggesting} onClick={suggest}>
            {suggesting ? t("suggesting") : t("suggest")}
          </button>
        </section>
      )}

      {message && (
        <p role="status" className="rounded-tremor-default bg-tremor-background-subtle px-3 py-2 text-tremor-default dark:bg-dark-tremor-background-subtle">
          {message}
        </p>
      )}
      {[...unknown, ...otherKeys.flatMap((k) => errors[k]!.map((m) => `${k}: ${m}`))].map((m) => (
        <p key={m} role="alert" className="text-tremor-default text-red-700">
          {m}
        </p>
      ))}

      <section aria-labelledby="event-text" className="space-y-2">
        <div className="flex items-center gap-2">
          <h2 id="event-text" className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
            {t("textHeading")}
          </h2>
          <div role="tablist" className="ml-auto flex gap-1">
            <button type="button" role="tab" aria-selected={tab === "write"} className={button} onClick={() => setTab("write")}>
              {t("write")}
            </button>
            <button type="button" role="tab" aria-selected={tab === "preview"} className={button} onClick={() => setTab("preview")}>
              {t("preview")}
            </button>
          </div>
        </div>
        <p className="text-tremor-label text-tremor-content-subtle">{t("textHint")}</p>
        <div className="grid gap-4 lg:grid-cols-2">
          {(["en", "ru"] as const).map((lang) => (
            <LanguageColumn key={lang} lang={lang} form={form} set={set} errors={errors} tab={tab} translator={translator} />
          ))}
        </div>
      </section>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="id" label={t("id")} hint={editing ? t("idFixed") : t("idEmpty")}>
          <input id="f-id" className={input} value={form.id} readOnly={editing} onChange={(e) => set("id", e.target.value)} placeholder={t("idExample")} />
        </Field>
        <Field name="kind" label={t("kind")} errors={errors.kind}>
          <select id="f-kind" className={input} value={form.kind} onChange={(e) => set("kind", e.target.value)} aria-describedby={describedBy("kind")}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field name="starts_on" label={t("startsOn")} errors={errors.starts_on} hint={t("dateHint")}>
          <input id="f-starts_on" className={input} value={form.starts_on} onChange={(e) => set("starts_on", e.target.value)} aria-describedby={describedBy("starts_on")} />
        </Field>
        <Field name="ends_on" label={t("endsOn")} errors={errors.ends_on} hint={t("endsHint")}>
          <input id="f-ends_on" className={input} value={form.ends_on} onChange={(e) => set("ends_on", e.target.value)} aria-describedby={describedBy("ends_on")} />
        </Field>
        <Field name="date_precision" label={t("precision")} errors={errors.date_precision}>
          <select id="f-date_precision" className={input} value={form.date_precision} onChange={(e) => set("date_precision", e.target.value as EventForm["date_precision"])}>
            <option value="">{t("precisionAsWritten")}</option>
            <option value="day">{t("day")}</option>
            <option value="month">{t("month")}</option>
            <option value="year">{t("year")}</option>
          </select>
        </Field>
        {/* A fieldset, not Field: two checkboxes, each with its own label. */}
        <fieldset data-field="uncertain_dates">
          <legend className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("uncertain")}</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-tremor-default">
            {(["start", "end"] as const).map((d) => (
              <label key={d} className="inline-flex items-center gap-1.5">
                <input
                  type="checkbox"
                  id={`f-uncertain_${d}`}
                  checked={form.uncertain_dates.includes(d)}
                  onChange={(e) =>
                    set(
                      "uncertain_dates",
                      (["start", "end"] as const).filter((x) => (x === d ? e.target.checked : form.uncertain_dates.includes(x))),
                    )
                  }
                />
                {d === "start" ? t("startWrong") : t("endWrong")}
              </label>
            ))}
          </div>
          <p className="mt-0.5 text-tremor-label text-tremor-content-subtle">{t("uncertainHint")}</p>
          {errors.uncertain_dates?.map((e) => (
            <p key={e} id="err-uncertain_dates" role="alert" className="mt-0.5 text-tremor-label text-red-700 dark:text-red-400">
              {e}
            </p>
          ))}
        </fieldset>
        <Field name="announced_on" label={t("announcedOn")} errors={errors.announced_on}>
          <input id="f-announced_on" className={input} value={form.announced_on} onChange={(e) => set("announced_on", e.target.value)} aria-describedby={describedBy("announced_on")} />
        </Field>
        <Field name="in_force_on" label={t("inForceOn")} errors={errors.in_force_on}>
          <input id="f-in_force_on" className={input} value={form.in_force_on} onChange={(e) => set("in_force_on", e.target.value)} aria-describedby={describedBy("in_force_on")} />
        </Field>
        <Field name="expires_on" label={t("expiresOn")} errors={errors.expires_on}>
          <input id="f-expires_on" className={input} value={form.expires_on} onChange={(e) => set("expires_on", e.target.value)} aria-describedby={describedBy("expires_on")} />
        </Field>
      </div>

      <fieldset data-field="countries" className="space-y-2">
        <legend className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("countries")}</legend>
        <p className="text-tremor-label text-tremor-content-subtle">{t("countriesHint")}</p>
        {form.countries.map((c, i) => (
          <div key={i} className="flex items-end gap-2">
            <input
              aria-label={t("countryN", { n: i + 1 })}
              className={`${input} max-w-48`}
              value={c.code}
              onChange={(e) =>
                set(
                  "countries",
                  form.countries.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)),
                )
              }
            />
            <select
              aria-label={t("roleOfCountry", { n: i + 1 })}
              className={`${input} max-w-36`}
              value={c.role}
              onChange={(e) =>
                set(
                  "countries",
                  form.countries.map((x, j) => (j === i ? { ...x, role: e.target.value as (typeof ROLES)[number] } : x)),
                )
              }
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            <button
              type="button"
              className={button}
              aria-label={t("removeCountry", { n: i + 1 })}
              onClick={() =>
                set(
                  "countries",
                  form.countries.filter((_, j) => j !== i),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className={button} onClick={() => set("countries", [...form.countries, { code: "", role: "party" }])}>
          {t("addCountry")}
        </button>
        {errors.countries?.map((e) => (
          <p key={e} role="alert" className="text-tremor-label text-red-700 dark:text-red-400">
            {e}
          </p>
        ))}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="document_ref" label={t("document")} errors={errors.document_ref} hint={t("documentHint")}>
          <input id="f-document_ref" className={input} value={form.document_ref} onChange={(e) => set("document_ref", e.target.value)} />
        </Field>
        <Field name="source_url" label={t("sourceUrl")} errors={errors.source_url}>
          <input id="f-source_url" type="url" className={input} value={form.source_url} onChange={(e) => set("source_url", e.target.value)} aria-describedby={describedBy("source_url")} />
        </Field>
        <Field name="tags" label={t("tags")} errors={errors.tags} hint={t("tagsHint")}>
          <input id="f-tags" className={input} value={form.tags} onChange={(e) => set("tags", e.target.value)} />
        </Field>
        <Field name="verification" label={t("verification")} errors={errors.verification}>
          <select id="f-verification" className={input} value={form.verification} onChange={(e) => set("verification", e.target.value as EventForm["verification"])}>
            <option value="unverified">{t("unverified")}</option>
            <option value="verified">{t("verified")}</option>
          </select>
        </Field>
        <div className="sm:col-span-2">
          <Field name="verification_note" label={t("verificationNote")} errors={errors.verification_note} hint={t("verificationHint")}>
            <input id="f-verification_note" className={input} value={form.verification_note} onChange={(e) => set("verification_note", e.target.value)} />
          </Field>
        </div>
        <Field name="key" label={t("key")} errors={errors.key} hint={t("keyHint")}>
          <select id="f-key" className={input} value={form.key} onChange={(e) => set("key", e.target.value as EventForm["key"])}>
            <option value="">{t("byKind")}</option>
            <option value="true">{t("yes")}</option>
            <option value="false">{t("no")}</option>
          </select>
        </Field>
      </div>

      <fieldset data-field="links" className="space-y-2">
        <legend className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{t("links")}</legend>
        {form.links.map((l, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <select
              aria-label={t("relationN", { n: i + 1 })}
              className={`${input} max-w-36`}
              value={l.relation}
              onChange={(e) =>
                set(
                  "links",
                  form.links.map((x, j) => (j === i ? { ...x, relation: e.target.value as (typeof RELATIONS)[number] } : x)),
                )
              }
            >
              {RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`relations.${r}`)}
                </option>
              ))}
            </select>
            <select
              aria-label={t("linkedN", { n: i + 1 })}
              className={`${input} min-w-0 flex-1`}
              value={l.to}
              onChange={(e) =>
                set(
                  "links",
                  form.links.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)),
                )
              }
            >
              <option value="">{t("chooseEvent")}</option>
              {!linkTargets.some((e) => e.id === l.to) && l.to && <option value={l.to}>{t("notStored", { id: l.to })}</option>}
              {linkTargets.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.startsOn} — {e.title}
                </option>
              ))}
            </select>
            <button
              type="button"
              className={button}
              aria-label={t("removeLink", { n: i + 1 })}
              onClick={() =>
                set(
                  "links",
                  form.links.filter((_, j) => j !== i),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" className={button} onClick={() => set("links", [...form.links, { relation: "cites", to: "" }])}>
          {t("addLink")}
        </button>
        {errors.links?.map((e) => (
          <p key={e} role="alert" className="text-tremor-label text-red-700 dark:text-red-400">
            {e}
          </p>
        ))}
      </fieldset>

      <MarkerPreview form={form} corridors={corridors} words={words} />

      <div className="flex items-center gap-3">
        <button type="submit" className={primary} disabled={saving}>
          {saving ? t("saving") : editing ? t("saveChanges") : t("create")}
        </button>
        <a href={localePath(editing ? `/events/${initial.id}` : "/events", locale)} className="text-tremor-default hover:underline">
          {t("cancel")}
        </a>
        {editing && (
          <button type="button" className={`${button} ml-auto border-red-300 text-red-700 dark:text-red-400`} disabled={saving} onClick={remove}>
            {t("delete")}
          </button>
        )}
      </div>
      {/* Beside the button that caused it, not at the top of a long form. */}
      {deleteProblem && (
        <p role="alert" data-testid="delete-problem" className="text-right text-tremor-default text-red-700 dark:text-red-400">
          {deleteProblem}
        </p>
      )}
    </form>
  );
}

/** One language's text: title, summary, chart label, body, and whether it is our translation (who, when). */
function LanguageColumn({
  lang,
  form,
  set,
  errors,
  tab,
  translator,
}: {
  lang: "en" | "ru";
  form: EventForm;
  set: <K extends keyof EventForm>(key: K, value: EventForm[K]) => void;
  errors: Record<string, string[]>;
  tab: "write" | "preview";
  translator: string;
}) {
  const t = useTranslations("Editor");
  const f = TEXT_FIELDS[lang];
  const name = t(`language.${lang}`);
  const translated = form[f.by].trim() !== "" || form[f.on].trim() !== "";
  const described = (key: string) => (errors[key] ? `err-${key}` : undefined);
  return (
    <fieldset data-lang={lang} className="space-y-3 rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border">
      <legend lang={lang} className="px-1 text-tremor-default font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {name}
      </legend>
      <Field name={f.title} label={t("title", { lang })} errors={errors[f.title]}>
        <input id={`f-${f.title}`} lang={lang} className={input} value={form[f.title]} onChange={(e) => set(f.title, e.target.value)} aria-describedby={described(f.title)} />
      </Field>
      <Field name={f.summary} label={t("summary", { lang })} errors={errors[f.summary]}>
        <textarea id={`f-${f.summary}`} lang={lang} rows={2} className={input} value={form[f.summary]} onChange={(e) => set(f.summary, e.target.value)} />
      </Field>
      <Field name={f.label} label={t("label", { lang })} errors={errors[f.label]} hint={t("labelHint")}>
        <input id={`f-${f.label}`} lang={lang} className={input} maxLength={40} value={form[f.label]} onChange={(e) => set(f.label, e.target.value)} />
      </Field>
      <div>
        <label className="inline-flex items-center gap-1.5 text-tremor-default">
          <input
            type="checkbox"
            id={`f-translated_${lang}`}
            checked={translated}
            onChange={(e) => {
              set(f.by, e.target.checked ? translator || "Corridor" : "");
              set(f.on, e.target.checked ? new Date().toISOString().slice(0, 10) : "");
            }}
          />
          {t("ourTranslation", { lang })}
        </label>
        {translated && (
          <div className="mt-1 grid grid-cols-2 gap-2">
            <Field name={f.by} label={t("translatedBy")} errors={errors[f.by]}>
              <input id={`f-${f.by}`} className={input} value={form[f.by]} onChange={(e) => set(f.by, e.target.value)} aria-describedby={described(f.by)} />
            </Field>
            <Field name={f.on} label={t("translatedOn")} errors={errors[f.on]} hint={t("isoDate")}>
              <input id={`f-${f.on}`} className={input} value={form[f.on]} onChange={(e) => set(f.on, e.target.value)} aria-describedby={described(f.on)} />
            </Field>
          </div>
        )}
      </div>
      <div data-field={f.body}>
        <label htmlFor={`f-${f.body}`} className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {t("body", { lang })}
        </label>
        {tab === "write" ? (
          <textarea id={`f-${f.body}`} lang={lang} rows={10} className={`${input} font-mono`} value={form[f.body]} onChange={(e) => set(f.body, e.target.value)} />
        ) : (
          <div className="mt-1 min-h-24 rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border">
            {form[f.body].trim() ? <EventBody markdown={form[f.body]} testId={lang === "en" ? "body-preview" : "body-preview-ru"} /> : <p className="text-tremor-content-subtle">{t("nothingYet")}</p>}
          </div>
        )}
        {errors[f.body]?.map((e) => (
          <p key={e} role="alert" className="text-tremor-label text-red-700">
            {e}
          </p>
        ))}
      </div>
    </fieldset>
  );
}

/** The draft's marker on one corridor's chart, with the events already there. */
function MarkerPreview({ form, corridors, words }: { form: EventForm; corridors: EditorCorridor[]; words?: MarkWords }) {
  const t = useTranslations("Editor");
  const rawLocale = useLocale();
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const marker = draftMarker(form, "draft", locale, t("formNew"));
  const day = marker?.startsOn ?? null;
  // Follows the draft's countries and date until the analyst picks a corridor or indicator.
  const preferred = pickPreview(corridors, form.countries, day);
  const [chosen, setChosen] = useState<number | null>(null);
  const index = chosen ?? preferred.corridor;
  const corridor = corridors[index];
  const [indicator, setIndicator] = useState<string | null>(null);
  const code = corridor?.indicators.some((i) => i.code === indicator) ? indicator! : chosen === null ? preferred.indicator : corridor?.indicators[0]?.code;
  const [data, setData] = useState<{ points: ChartPoint[]; events: ChartEvent[]; frequency: Frequency | null } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!corridor || !code) return;
    let live = true;
    const query = new URLSearchParams({ indicator: code, origin: corridor.origin, destination: corridor.destination });
    fetch(`/api/series?${query}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        return (await r.json()) as { points: { period: string; value: number }[]; events: StoredEvent[]; frequency: Frequency | null };
      })
      .then((s) => {
        if (!live) return;
        const points = s.points.flatMap((p) => {
          const period = parsePeriod(p.period);
          return period.ok ? [{ period: p.period, start: period.value.start, end: period.value.end, value: p.value }] : [];
        });
        // The other events' titles in the page's language, as every chart picks them.
        setData({ points, events: s.events.map((e) => toChartEvent(e, locale)), frequency: s.frequency });
        setProblem(null);
      })
      .catch((error: Error) => live && setProblem(t("chartFailed", { why: error.message })));
    return () => {
      live = false;
    };
  }, [corridor, code, t, locale]);

  if (corridors.length === 0) return null;
  const others = (data?.events ?? []).filter((e) => e.id !== form.id);
  const inRange = marker && data && data.points.length > 0 && eventInRange(marker, seriesRange(data));
  return (
    <section aria-labelledby="marker-preview" className="space-y-2 rounded-tremor-default border border-tremor-border p-4 dark:border-dark-tremor-border" data-testid="marker-preview">
      <div className="flex flex-wrap items-end gap-3">
        <h2 id="marker-preview" className="mr-auto text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          {t("onChart")}
        </h2>
        <label className="text-tremor-label">
          {t("corridor")}
          <select className={`${input} mt-0`} value={index} onChange={(e) => setChosen(Number(e.target.value))}>
            {corridors.map((c, i) => (
              <option key={`${c.origin}-${c.destination}`} value={i}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-tremor-label">
          {t("indicator")}
          <select className={`${input} mt-0`} value={code} onChange={(e) => setIndicator(e.target.value)}>
            {corridor?.indicators.map((i) => (
              <option key={i.code} value={i.code}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem && (
        <p role="alert" className="text-tremor-default text-red-700">
          {problem}
        </p>
      )}
      {!marker && <p className="text-tremor-label text-tremor-content-subtle">{t("markerLater")}</p>}
      {marker && data && !inRange && (
        <p className="text-tremor-label text-tremor-content-subtle">{t("outside", { first: data.points[0]?.period ?? t("none"), last: data.points.at(-1)?.period ?? t("none") })}</p>
      )}
      {data && <ChartPlaceholder points={data.points} events={marker ? [...others, marker] : others} frequency={data.frequency} height={260} interactive={false} words={words} />}
    </section>
  );
}
