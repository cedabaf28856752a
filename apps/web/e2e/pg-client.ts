import pg from "pg";

/** Runs `run` on a fresh client of the PostgreSQL server at `url`, closed afterwards (creating and dropping test and bench databases). */
export async function withPgClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
