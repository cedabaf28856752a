/**
 * The built-in catalog's names and descriptions in Russian. These are the project's translations
 * of its own catalogue labels (the publishers' Russian titles where they have one, e.g. the Bank of
 * Russia's "трансграничные операции физических лиц"); the figures are untouched. An indicator added
 * later (`corridor indicators add`) has no entry and is shown by its catalogue name.
 */
const RU: Record<string, { name: string; description: string }> = {
  remittances_received_usd: {
    name: "Личные денежные переводы, полученные",
    description: "Всемирный банк (WDI): личные трансферты и оплата труда работников, полученные страной от всех стран-партнёров.",
  },
  remittances_received_pct_gdp: {
    name: "Личные денежные переводы, полученные (% ВВП)",
    description: "Всемирный банк (WDI): полученные личные денежные переводы в процентах от ВВП страны-получателя.",
  },
  transfers_from_russia_usd_mn: {
    name: "Трансграничные переводы физических лиц из России",
    description: "Банк России: трансграничные переводы физических лиц из России в страну (хранятся как страна → RUS, по направлению миграции).",
  },
  work_patents_issued: {
    name: "Выдано патентов на работу",
    description: "МВД России: патенты на работу, выданные гражданам страны (число патентов, а не людей).",
  },
  migration_registrations: {
    name: "Постановка на миграционный учёт",
    description: "МВД России: постановка на учёт по месту пребывания (число постановок, а не людей).",
  },
  entries: { name: "Въезды в Россию", description: "Пограничная и миграционная статистика России: въезды граждан страны." },
  irregular_stay_stock: {
    name: "Иностранные граждане без законных оснований пребывания",
    description: "МВД России: граждане страны, находящиеся в России без законных оснований, на дату.",
  },
  citizenship_granted: { name: "Приобретение гражданства России", description: "МВД России: граждане страны, получившие гражданство России." },
  first_residence_permits: {
    name: "Первые разрешения на проживание",
    description: "Евростат migr_resfirst: первые разрешения на проживание, выданные гражданам страны (страна происхождения) страной назначения.",
  },
};

const isRu = (locale: string) => locale.split("-")[0]!.toLowerCase() === "ru";

/** The indicator's name in the locale; its catalogue name where the project has no translation. */
export function indicatorName(indicator: { code?: string; name: string }, locale = "en"): string {
  return (isRu(locale) && indicator.code && RU[indicator.code]?.name) || indicator.name;
}

export function indicatorDescription(indicator: { code?: string; description?: string | null }, locale = "en"): string | null {
  return (isRu(locale) && indicator.code && RU[indicator.code]?.description) || indicator.description || null;
}

/** Codes with a Russian name: the catalog test checks it covers the built-in catalog. */
export const TRANSLATED_INDICATORS = Object.keys(RU);
