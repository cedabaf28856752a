/** Locale-aware Link, redirect and getPathname for server components (next-intl's createNavigation). */
import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

export const { Link, redirect, getPathname } = createNavigation(routing);
