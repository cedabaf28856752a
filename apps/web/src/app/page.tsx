import { corridors, latest } from "@corridor/data";
import { db } from "@/lib/db";

// Reads the database on every request; nothing to prerender at build time.
export const dynamic = "force-dynamic";

const number = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });

export default async function Home() {
  const list = await corridors(db());
  const latestByCorridor = await Promise.all(list.map((c) => latest(db(), { origin: c.origin, destination: c.destination })));
  return (
    <main>
      <h1>Corridor</h1>
      <p className="lead">Labour-migration flows between Central Asia and Russia, and the policy events that move them.</p>
      {list.length === 0 && <p>No data yet: run <code>npx corridor seed</code>.</p>}
      {list.map((c, i) => (
        <section key={`${c.origin}-${c.destination}`} aria-labelledby={`c-${c.origin}-${c.destination}`}>
          <h2 id={`c-${c.origin}-${c.destination}`}>
            {`${c.originName} → ${c.destinationName}`}
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Latest period</th>
                <th scope="col" className="num">Value</th>
                <th scope="col">Unit</th>
                <th scope="col" className="num">vs a year earlier</th>
              </tr>
            </thead>
            <tbody>
              {latestByCorridor[i]!.map((l) => (
                <tr key={l.indicator.code}>
                  <td>{l.indicator.name}</td>
                  <td>{l.period}</td>
                  <td className="num">
                    {number.format(l.value)}
                    {l.flag ? <sup title="flag">{l.flag}</sup> : null}
                  </td>
                  <td>{l.indicator.unit}</td>
                  <td className="num">{l.yearAgo?.changePct != null ? `${l.yearAgo.changePct > 0 ? "+" : ""}${l.yearAgo.changePct.toFixed(1)}%` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
