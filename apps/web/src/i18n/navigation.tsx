/**
 * Links for server components that write the page's language into the address ("/events" on a
 * Russian page is "/ru/events"). Our own, not next-intl's createNavigation Link: that one is a client
 * component reading the locale from NextIntlClientProvider, which would ship the provider (and its
 * context) to every page for nothing — the language is already in the path the server renders.
 *
 * Two kinds, because on a phone every client link costs: next/link is a client component that
 * hydrates and prefetches what it shows (the dashboard had 56 of them and fetched ~20 payloads at
 * load, half a second of a mid-range phone's main thread). A link to another page is a plain
 * anchor; only a link that changes this page's view in place (a filter toggle that keeps the
 * reader's scroll position) is next/link, and it fetches on click, not before.
 */
import NextLink from "next/link";
import type { ComponentProps } from "react";
import { getLocale } from "next-intl/server";
import { localePath } from "./locale-path";
import type { Locale } from "./routing";

/** A link to another page: a plain anchor, no client code. */
export async function Link({ href, ...props }: Omit<ComponentProps<"a">, "href"> & { href: string }) {
  const locale = (await getLocale()) as Locale;
  return <a href={localePath(href, locale)} {...props} />;
}

/** A link that changes this page's view in place (`scroll={false}` keeps the reader where they are); never prefetched. */
export async function ViewLink({ href, ...props }: Omit<ComponentProps<typeof NextLink>, "href" | "prefetch"> & { href: string }) {
  const locale = (await getLocale()) as Locale;
  return <NextLink href={localePath(href, locale)} prefetch={false} {...props} />;
}
