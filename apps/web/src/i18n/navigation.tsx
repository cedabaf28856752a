/**
 * A Link for server components that writes the page's language into the address ("/events" on a
 * Russian page is "/ru/events"). Our own, not next-intl's createNavigation Link: that one is a client
 * component reading the locale from NextIntlClientProvider, which would ship the provider (and its
 * context) to every page for nothing — the language is already in the path the server renders.
 */
import NextLink from "next/link";
import type { ComponentProps } from "react";
import { getLocale } from "next-intl/server";
import { localePath } from "./locale-path";
import type { Locale } from "./routing";

export async function Link({ href, ...props }: Omit<ComponentProps<typeof NextLink>, "href"> & { href: string }) {
  const locale = (await getLocale()) as Locale;
  return <NextLink href={localePath(href, locale)} {...props} />;
}
