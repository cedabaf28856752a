"use client";
import { TableHeader } from "@/components/TableHeader";
import { useCallback, useEffect, useMemo, useState, type DragEvent } from "react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge, Card, ProgressBar, Text, Title } from "@tremor/react";
import type { Role } from "@corridor/data/pure";
import { DELIMITER_NAMES, ENCODINGS, FORMATS, describeFile, parseFile, type ParsedFile, type Preview } from "@/lib/preview";
import { EMPTY_FORM, assignRole, formFromProfile, importFields, previewOptions, profilesFrom, type ImportForm, type SavedProfile } from "@/lib/import-form";
import { summariseDiff, type ImportSummary } from "@/lib/import-result";
import { sendImport, type Progress } from "@/lib/upload-request";
import { full as fullIn } from "@/lib/format";
import { localePath } from "@/i18n/locale-path";
import { isLocale } from "@/i18n/routing";
import { problemWords, type ProblemWords, type UploadT } from "@/lib/import-problem";
import { PreviewTable } from "./PreviewTable";
import { DiffView } from "./DiffView";

/** Files up to this size are read whole, so every line the check names can be shown; larger ones by their head. */
const WHOLE_FILE_BYTES = 8 * 1024 * 1024;
const HEAD_BYTES = 1024 * 1024;
const ROLE_CHOICES: Role[] = ["indicator", "origin", "destination", "country", "period", "value", "breakdown", "flag", "source"];
const input = "mt-1 block w-full rounded-tremor-small border-tremor-border bg-tremor-background py-1.5 text-tremor-default dark:border-dark-tremor-border dark:bg-dark-tremor-background";
const button = "rounded-tremor-small px-4 py-2 text-tremor-default font-medium shadow-tremor-input disabled:cursor-not-allowed disabled:opacity-50";

/** The encoding detector's reasons (@corridor/data's detect.ts) → their catalog keys (Upload.encodingReason.*). */
const ENCODING_REASONS: Record<string, "chosen" | "bom" | "utf16" | "binary" | "utf8" | "cyrillic" | "statistics"> = {
  chosen: "chosen",
  "byte-order mark": "bom",
  "every other byte is zero": "utf16",
  binary: "binary",
  "valid UTF-8": "utf8",
  "not UTF-8; Russian tables are the usual case": "cyrillic",
  "byte statistics": "statistics",
};

type Outcome =
  { kind: "checked"; summary: ImportSummary } | { kind: "committed"; summary: ImportSummary } | { kind: "refused"; status: number; message: string; detail?: ProblemWords; summary?: ImportSummary };

export interface IndicatorChoice {
  code: string;
  name: string;
}

export function UploadWorkbench({ indicators }: { indicators: IndicatorChoice[] }) {
  const [file, setFile] = useState<File | null>(null);
  const [bytes, setBytes] = useState<Uint8Array | null>(null);
  const [form, setForm] = useState<ImportForm>(EMPTY_FORM);
  const [profiles, setProfiles] = useState<SavedProfile[]>([]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  const t = useTranslations("Upload");
  const rawLocale = useLocale();
  const locale = isLocale(rawLocale) ? rawLocale : "en";
  const full = (n: number) => fullIn(n, locale);
  const how = (auto: boolean) => (auto ? t("detected") : t("chosenByYou"));
  const delimiterName = (d: string) => (DELIMITER_NAMES[d] ? t(`delimiters.${DELIMITER_NAMES[d] as "comma"}`) : d);
  const decimalName = (d: string) => (d === "," ? t("comma") : t("point"));
  // The import's problems by code, through the catalog (lib/import-problem).
  const words = (problem: unknown, english: string) => problemWords(problem, english, t as unknown as UploadT, locale);

  useEffect(() => {
    fetch("/api/profiles", { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? r.json() : null))
      .then((body) => setProfiles(profilesFrom(body)))
      .catch(() => setProfiles([]));
  }, []);

  const choose = useCallback(async (chosen: File | undefined) => {
    if (!chosen) return;
    setFile(chosen);
    setOutcome(null);
    setFocusLine(null);
    const part = chosen.size <= WHOLE_FILE_BYTES ? chosen : chosen.slice(0, HEAD_BYTES);
    setBytes(new Uint8Array(await part.arrayBuffer()));
  }, []);

  // Decoding and parsing are redone only when the bytes, encoding or delimiter change; the mapping is cheap.
  const options = previewOptions(form);
  const parsed: ParsedFile | { error: string } | null = useMemo(() => {
    if (!bytes || !file) return null;
    try {
      return parseFile(bytes, file.size, { encoding: options.encoding, delimiter: options.delimiter });
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [bytes, file, options.encoding, options.delimiter]);
  const preview: Preview | { error: string } | null = useMemo(() => {
    if (!parsed || "error" in parsed) return parsed;
    try {
      return describeFile(parsed, previewOptions(form));
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }, [parsed, form]);

  const update = (next: ImportForm) => {
    setForm(next);
    if (outcome?.kind !== "committed") setOutcome(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProgress({ phase: "uploading", fraction: 0 });
    const body = new FormData();
    body.append("file", file, file.name);
    // The profile is saved with the commit, not with every check.
    for (const [name, value] of importFields(form)) if (!(dryRun && name === "saveProfile")) body.append(name, value);
    try {
      const { status, body: result } = await sendImport(dryRun ? "/api/imports?dryRun=1" : "/api/imports", body, setProgress);
      const summary = result && typeof result === "object" && "rowsRead" in result ? (result as ImportSummary) : undefined;
      // A file refused as a whole (bad encoding, no header…) names one line; a checked file lists its errors.
      const wholeFileLine = !summary && result && typeof result === "object" && typeof (result as { line?: unknown }).line === "number" ? (result as { line: number }).line : null;
      if ((status === 200 || status === 201) && summary) setOutcome({ kind: dryRun ? "checked" : "committed", summary });
      else setOutcome({ kind: "refused", status, ...refusalOf(status, result, t, words), ...(summary ? { summary } : {}) });
      setFocusLine(summary?.errors[0]?.line ?? wholeFileLine);
    } catch (error) {
      setOutcome({ kind: "refused", status: 0, message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  };

  const ready = preview && !("error" in preview) ? preview : null;
  const errors = outcome && "summary" in outcome && outcome.summary ? outcome.summary.errors : [];
  const errorCount = outcome && "summary" in outcome && outcome.summary ? outcome.summary.errorCount : 0;

  return (
    <div className="space-y-4">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-tremor-default border-2 border-dashed px-4 py-8 text-center transition-colors ${dragging ? "border-tremor-brand bg-tremor-brand-faint dark:border-dark-tremor-brand dark:bg-dark-tremor-brand-faint" : "border-tremor-border bg-tremor-background hover:border-tremor-brand-subtle dark:border-dark-tremor-border dark:bg-dark-tremor-background"}`}
      >
        <svg aria-hidden viewBox="0 0 24 24" className="h-8 w-8 stroke-tremor-brand dark:stroke-dark-tremor-brand" fill="none" strokeWidth={1.6}>
          <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <span className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">{file ? file.name : t("drop")}</span>
        <span className="text-tremor-label text-tremor-content-subtle">{file ? t("chosen", { size: full(file.size) }) : t("formats")}</span>
        <input type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values" className="sr-only" data-testid="file-input" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>

      {preview && "error" in preview && (
        <Card className="p-4" decoration="left" decorationColor="red">
          <Text>{t("cannotPreview", { error: preview.error })}</Text>
        </Card>
      )}

      {ready && (
        <>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="detected">
            <Fact label={t("format")} value={ready.format} note={how(form.format === "auto")} />
            {/* The detector's reason in the page's language; one it does not know stays in its English, marked so. */}
            <Fact
              label={t("encoding")}
              value={ready.encoding.encoding}
              note={ENCODING_REASONS[ready.encoding.reason] ? t(`encodingReason.${ENCODING_REASONS[ready.encoding.reason]!}`) : ready.encoding.reason}
              noteLang={ENCODING_REASONS[ready.encoding.reason] ? undefined : "en"}
              testId="detected-encoding"
            />
            <Fact label={t("delimiter")} value={delimiterName(ready.delimiter)} note={how(form.delimiter === "auto")} />
            <Fact label={t("decimal")} value={decimalName(ready.decimal)} note={`${ready.decimal === "," ? "1 020,5" : "1,020.5"} · ${how(form.decimal === "auto")}`} />
            <Fact label={t("rows")} value={full(ready.rows.length - 1)} note={ready.partial ? t("firstKiB", { size: full(HEAD_BYTES / 1024) }) : t("headerOn", { line: ready.headerLine })} />
          </div>
          {ready.refused && (
            <Card className="p-4" decoration="left" decorationColor="red">
              <Text lang={words(ready.refusedProblem, ready.refused).lang} data-testid="preview-refused">
                {words(ready.refusedProblem, ready.refused).text}
              </Text>
            </Card>
          )}

          <Card className="p-4">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <Title>{t("mapping")}</Title>
              {profiles.length > 0 && (
                <label className="text-tremor-default">
                  {t("savedProfile")}
                  <select
                    className={input}
                    value={form.profile}
                    data-testid="profile"
                    onChange={(e) => {
                      const chosen = profiles.find((p) => p.name === e.target.value);
                      update(chosen ? formFromProfile(chosen) : { ...form, profile: "" });
                    }}
                  >
                    <option value="">{t("none")}</option>
                    {profiles.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </div>
            <div className="mt-3 grid gap-3 text-tremor-default sm:grid-cols-2 lg:grid-cols-4">
              <label>
                {t("format")}
                <select className={input} value={form.format} onChange={(e) => update({ ...form, format: e.target.value as ImportForm["format"] })}>
                  <option value="auto">{t("detect", { what: ready.format })}</option>
                  {FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("encoding")}
                <select className={input} value={form.encoding} onChange={(e) => update({ ...form, encoding: e.target.value })}>
                  <option value="auto">{t("detect", { what: ready.encoding.encoding })}</option>
                  {ENCODINGS.map((f) => (
                    <option key={f} value={f}>
                      {f}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("delimiter")}
                <select className={input} value={form.delimiter} onChange={(e) => update({ ...form, delimiter: e.target.value })}>
                  <option value="auto">{t("detect", { what: delimiterName(ready.delimiter) })}</option>
                  {Object.entries(DELIMITER_NAMES).map(([d, name]) => (
                    <option key={name} value={d}>
                      {delimiterName(d)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("decimal")}
                <select className={input} value={form.decimal} onChange={(e) => update({ ...form, decimal: e.target.value as ImportForm["decimal"] })}>
                  <option value="auto">{t("detect", { what: decimalName(ready.decimal) })}</option>
                  <option value=".">{t("point")}</option>
                  <option value=",">{t("comma")}</option>
                </select>
              </label>
              <label>
                {t("indicatorEvery")}
                <input
                  className={input}
                  list="indicator-codes"
                  value={form.indicator}
                  placeholder={ready.columns.some((c) => c.role === "indicator") ? t("fromFile") : t("indicatorExample")}
                  data-testid="constant-indicator"
                  onChange={(e) => update({ ...form, indicator: e.target.value })}
                />
              </label>
              <label>
                {t("originEvery")}
                <input className={input} value={form.origin} placeholder={t("example", { code: "TJK" })} data-testid="constant-origin" onChange={(e) => update({ ...form, origin: e.target.value })} />
              </label>
              <label>
                {t("destinationEvery")}
                <input
                  className={input}
                  value={form.destination}
                  placeholder={t("example", { code: "RUS" })}
                  data-testid="constant-destination"
                  onChange={(e) => update({ ...form, destination: e.target.value })}
                />
              </label>
              <label>
                {t("loneCountry")}
                <select className={input} value={form.countryRole} onChange={(e) => update({ ...form, countryRole: e.target.value as ImportForm["countryRole"] })}>
                  <option value="">{t("defaultSide")}</option>
                  <option value="origin">{t("roles.origin")}</option>
                  <option value="destination">{t("roles.destination")}</option>
                </select>
              </label>
              <datalist id="indicator-codes">
                {indicators.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.name}
                  </option>
                ))}
              </datalist>
            </div>

            <div className="mt-4 overflow-x-auto">
              <table className="w-full text-left text-tremor-default" data-testid="columns">
                <TableHeader
                  columns={[
                    { label: t("column"), className: "py-1" },
                    { label: t("looksLike"), className: "hidden py-1 sm:table-cell" },
                    { label: t("role"), className: "py-1" },
                  ]}
                />
                <tbody>
                  {ready.columns.map((c) => {
                    const chosen = (Object.entries(form.map) as [Role, string][]).find(([, col]) => col === c.name)?.[0];
                    return (
                      <tr key={c.index} className="border-t border-tremor-border dark:border-dark-tremor-border">
                        <td className="py-1.5 pr-2 font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
                          {c.name || t("columnN", { n: c.index + 1 })}
                          <span className="block text-tremor-label font-normal text-tremor-content-subtle sm:hidden">{t("looksLikeType", { type: t(`types.${c.type}`) })}</span>
                        </td>
                        <td className="hidden py-1.5 pr-2 sm:table-cell">
                          <Badge color={c.type === "text" || c.type === "empty" ? "gray" : "blue"} size="xs">
                            {t(`types.${c.type}`)}
                          </Badge>
                        </td>
                        <td className="py-1.5">
                          {c.role === "period-column" ? (
                            <Text>{t("periodColumn")}</Text>
                          ) : (
                            <select
                              aria-label={t("roleOf", { column: c.name })}
                              data-testid={`role-${c.index}`}
                              className="block w-full min-w-[10.5rem] max-w-xs rounded-tremor-small border-tremor-border bg-tremor-background py-1 text-tremor-default dark:border-dark-tremor-border dark:bg-dark-tremor-background"
                              value={chosen ?? ""}
                              onChange={(e) => update(assignRole(form, c.name, (e.target.value || null) as Role | null))}
                            >
                              <option value="">{c.role ? t("auto", { role: t(`roles.${c.role}`) }) : t("notUsed")}</option>
                              {ROLE_CHOICES.map((r) => (
                                <option key={r} value={r}>
                                  {t(`roles.${r}`)}
                                </option>
                              ))}
                            </select>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {ready.mappingProblem && (
              <p
                className="mt-3 rounded-tremor-small bg-amber-50 px-3 py-2 text-tremor-default text-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
                data-testid="mapping-problem"
                lang={words(ready.mappingProblemCoded, ready.mappingProblem).lang}
              >
                {words(ready.mappingProblemCoded, ready.mappingProblem).text}
              </p>
            )}
            <label className="mt-4 block max-w-sm text-tremor-default">
              {t("saveProfile")}
              <input
                className={input}
                value={form.saveProfile}
                placeholder={t("profileExample")}
                pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
                onChange={(e) => update({ ...form, saveProfile: e.target.value })}
              />
            </label>
          </Card>

          <Card className="p-4">
            <div className="flex flex-wrap items-center justify-between gap-3">
              <Title>{t("preview")}</Title>
              {focusLine !== null && (
                <button type="button" className="text-tremor-default text-tremor-brand hover:underline dark:text-dark-tremor-brand" onClick={() => setFocusLine(null)}>
                  {t("backToTop")}
                </button>
              )}
            </div>
            <div className="mt-3">
              <PreviewTable header={ready.rows[0]!} rows={ready.rows.slice(1)} columns={ready.columns} errors={errors} focusLine={focusLine} />
            </div>
          </Card>

          <div className="sticky bottom-0 z-10 -mx-4 border-t border-tremor-border bg-tremor-background-muted/95 px-4 py-3 backdrop-blur sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0 dark:border-dark-tremor-border dark:bg-dark-tremor-background-muted/95 sm:dark:bg-transparent">
            <div className="flex flex-wrap items-center gap-3">
              <button
                type="button"
                className={`${button} border border-tremor-border bg-tremor-background text-tremor-content-strong dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong`}
                disabled={busy || !!ready.refused}
                onClick={() => void run(true)}
                data-testid="check"
              >
                {t("check")}
              </button>
              <button
                type="button"
                className={`${button} bg-tremor-brand text-white hover:bg-tremor-brand-emphasis`}
                disabled={busy || outcome?.kind !== "checked" || outcome.summary.errorCount > 0}
                onClick={() => void run(false)}
                data-testid="commit"
              >
                {t("commit")}
              </button>
              <Text>{outcome?.kind === "checked" ? t("checkedNote") : outcome?.kind === "committed" ? "" : t("checkFirst")}</Text>
            </div>
            {busy && progress && (
              <div className="mt-3 max-w-md" data-testid="progress">
                <Text>
                  {progress.phase === "uploading"
                    ? t("uploading", { percent: Math.round(progress.fraction * 100) })
                    : progress.phase === "importing"
                      ? t("importing", { percent: Math.round(progress.fraction * 100) })
                      : t("done")}
                </Text>
                <ProgressBar value={progress.fraction * 100} className="mt-1" />
              </div>
            )}
          </div>
        </>
      )}

      {outcome?.kind === "refused" && (
        <Card className="p-4" decoration="left" decorationColor="red" data-testid="refused">
          <Title>{errorCount > 0 ? t("errorsTitle", { count: errorCount }) : t("refusedTitle")}</Title>
          <Text className="mt-1">
            {outcome.message}
            {outcome.detail && (
              <>
                {" "}
                <span lang={outcome.detail.lang} data-testid="refused-detail">
                  {outcome.detail.text}
                </span>
              </>
            )}
          </Text>
        </Card>
      )}

      {errors.length > 0 && (
        <Card className="p-4" data-testid="errors">
          <Title>{t("errorsByLine")}</Title>
          {errorCount > errors.length && <Text>{t("firstOf", { shown: full(errors.length), total: full(errorCount) })}</Text>}
          <ul className="mt-2 divide-y divide-tremor-border text-tremor-default dark:divide-dark-tremor-border">
            {errors.map((e, i) => (
              <li key={i} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
                <button type="button" className="font-medium tabular-nums text-tremor-brand hover:underline dark:text-dark-tremor-brand" onClick={() => setFocusLine(e.line)}>
                  {t("line", { line: e.line })}
                </button>
                {e.column && <span className="text-tremor-content-subtle">{e.column}</span>}
                {e.value && <code className="rounded bg-red-100 px-1 text-red-900 dark:bg-red-900/50 dark:text-red-100">{e.value}</code>}
                <span lang={words(e.problem, e.message).lang} data-testid="error-message">
                  {words(e.problem, e.message).text}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      )}

      {outcome && "summary" in outcome && outcome.summary && outcome.summary.errorCount === 0 && (
        <>
          {outcome.kind === "committed" && (
            <Card className="p-4" decoration="left" decorationColor="emerald" data-testid="committed">
              <Title>{t("imported")}</Title>
              <Text className="mt-1">
                {t("importedCounts", { inserted: full(outcome.summary.inserted), updated: full(outcome.summary.updated), unchanged: full(outcome.summary.unchanged) })}{" "}
                {outcome.summary.importId !== null && (
                  <Link className="text-tremor-brand underline dark:text-dark-tremor-brand" href={localePath(`/imports/${outcome.summary.importId}`, locale)}>
                    {t("importN", { id: outcome.summary.importId })}
                  </Link>
                )}
                {" · "}
                <Link className="text-tremor-brand underline dark:text-dark-tremor-brand" href={localePath("/imports", locale)}>
                  {t("allImports")}
                </Link>
              </Text>
            </Card>
          )}
          {outcome.summary.skippedAggregates.length > 0 && <Text>{t("skippedAggregates", { list: outcome.summary.skippedAggregates.join(", ") })}</Text>}
          {outcome.summary.skipped > 0 && (
            <Card className="p-4" decoration="left" decorationColor="amber" data-testid="skipped">
              <Text>{t(outcome.kind === "committed" ? "skippedWere" : "skippedWill", { count: outcome.summary.skipped })}</Text>
            </Card>
          )}
          {outcome.summary.diff && (
            <DiffView summary={summariseDiff(outcome.summary.diff, (code) => indicators.find((i) => i.code === code)?.name, locale)} onLine={ready ? setFocusLine : undefined} />
          )}
          {!outcome.summary.diff && <Text>{t("counts", { inserted: full(outcome.summary.inserted), updated: full(outcome.summary.updated), unchanged: full(outcome.summary.unchanged) })}</Text>}
        </>
      )}
    </div>
  );
}

function Fact({ label, value, note, noteLang, testId }: { label: string; value: string; note: string; noteLang?: string; testId?: string }) {
  return (
    <Card className="p-3">
      <p className="text-tremor-label uppercase text-tremor-content-subtle">{label}</p>
      <p className="mt-0.5 truncate text-tremor-title font-semibold text-tremor-content-strong dark:text-dark-tremor-content-strong" data-testid={testId}>
        {value}
      </p>
      <p className="truncate text-tremor-label text-tremor-content-subtle" lang={noteLang} title={note}>
        {note}
      </p>
    </Card>
  );
}

/**
 * What a refusal means in the page's language: the status in the catalog's words, then the server's
 * problem — by its code through the catalog when the import coded it ("Строка 3: «12x» — не число."),
 * otherwise the server's English, marked as such.
 */
function refusalOf(
  status: number,
  body: unknown,
  t: ReturnType<typeof useTranslations<"Upload">>,
  words: (problem: unknown, english: string) => ProblemWords,
): { message: string; detail?: ProblemWords } {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const error = typeof record.error === "string" ? record.error : "";
  const line = typeof record.line === "number" && record.line > 0 ? record.line : null;
  const ours =
    status === 401
      ? t("messages.signedOut")
      : status === 403
        ? t("messages.forbidden")
        : status === 413
          ? t("messages.tooLarge")
          : status === 422
            ? t("messages.invalid")
            : t("messages.status", { status });
  if (!error || status === 401) return { message: ours };
  const detail = words(record.problem, error);
  // A coded problem says it all; an uncoded one follows our own sentence (said to be the server's words off English pages).
  if (!detail.lang) return { message: `${line ? t("lineN", { line }) : ""}${status === 422 || status === 413 ? "" : ours}`.trimEnd(), detail };
  return { message: `${line ? t("lineN", { line }) : ""}${ours} ${t("serverWords")}`, detail };
}
