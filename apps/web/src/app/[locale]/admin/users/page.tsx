import { getTranslations } from "next-intl/server";
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
  if (me.role !== "admin") {
    return <p className="text-tremor-default">Only admins manage users; you are signed in as {me.role}.</p>;
  }
  const { listUsers } = await import("@corridor/data/auth");
  const users = listUsers(db());
  return (
    <section className="space-y-6">
      <h1 className="text-tremor-title font-semibold text-tremor-content-strong">Users</h1>
      <table className="w-full text-left text-tremor-default">
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Added</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.email}</td>
              <td>{u.name}</td>
              <td>{u.role}</td>
              <td>{u.createdAt.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddUserForm />
    </section>
  );
}
