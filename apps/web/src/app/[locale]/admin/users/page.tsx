import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { redirectToLogin } from "@/server/page-auth";
import { db } from "@/server/db";
import { currentUser } from "@/server/auth";
import { AddUserForm } from "./AddUserForm";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const t = await getTranslations({ locale: (await params).locale, namespace: "Meta" });
  return { title: t("users") };
}
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const me = await currentUser(await headers());
  if (!me) return redirectToLogin("/admin/users");
  const t = await getTranslations("Users");
  const role = (r: string) => (r === "viewer" || r === "analyst" || r === "admin" ? t(`roles.${r}`) : r);
  if (me.role !== "admin") {
    return <p className="text-tremor-default">{t("onlyAdmins", { role: role(me.role) })}</p>;
  }
  const messages = await getMessages();
  const { listUsers } = await import("@corridor/data/auth");
  const users = await listUsers(await db());
  return (
    <section className="space-y-6">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong">{t("heading")}</h1>
      {/* A phone is narrower than an email, a name and a role: the table scrolls, the page does not. */}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-tremor-default">
          <thead>
            <tr>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("added")}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.name}</td>
                <td>{role(u.role)}</td>
                <td>{u.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NextIntlClientProvider messages={{ Users: messages.Users }}>
        <AddUserForm />
      </NextIntlClientProvider>
    </section>
  );
}
