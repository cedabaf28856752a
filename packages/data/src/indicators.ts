/** Resolves an indicator named by its code or any alias (case-insensitive). Pure; built from catalog rows. */
import type { Indicator } from "./schema.ts";
import { problem } from "./import/problems.ts";

export class IndicatorResolver {
  private readonly byName = new Map<string, Indicator>();

  constructor(rows: readonly Indicator[]) {
    for (const row of rows) {
      this.byName.set(row.code.toLowerCase(), row);
      for (const alias of row.aliases) if (!this.byName.has(alias.toLowerCase())) this.byName.set(alias.toLowerCase(), row);
    }
  }

  resolve(name: string): Indicator | undefined {
    return this.byName.get(name.trim().toLowerCase());
  }

  /** Error text for an unknown name, listing what is known. */
  unknown(name: string): string {
    return problem("unknown_indicator", { value: name, known: this.known() }).message;
  }

  /** The known indicators' codes, sorted, comma-separated. */
  known(): string {
    return [...new Set([...this.byName.values()].map((i) => i.code))].sort().join(", ");
  }
}
