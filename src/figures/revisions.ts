// The life of one figure across vintages: its value on each day a release changed the rows it is made from,
// from its first print to now. What a reporter asks of a number: "was it printed like this, and has it moved?"

import type { Store } from "../store/store.js";
import type { Fact, Vintage } from "./fact.js";
import { factById } from "./index.js";
import { loadSnapshot } from "./snapshot.js";

export interface FactVersion {
  /** `YYYY-MM-DD`: from this day on (until the next entry) the figure stood at `value`. */
  from: string;
  /** Null: from this day the data no longer give the figure (a streak broken by a revision). */
  value: number | null;
  vintage: Vintage | null;
}

/**
 * The fact `id` as read on `asOf` (or now), and each value it took, oldest first; consecutive days with the same
 * value are one entry. The rows of the fact as read say which series to follow; empty when no data give it.
 */
export async function factHistory(store: Store, id: string, asOf?: string): Promise<{ fact: Fact | null; history: FactVersion[] }> {
  const [, , partner, commodity, period] = id.split("/");
  if (!period || !/^\d{4}-\d{2}$/.test(period)) return { fact: null, history: [] };
  const options = { commoditiesByPartner: partner !== "world" && commodity !== "total" };
  const factOn = async (day?: string) => factById(await loadSnapshot(store, period, day, undefined, options), id);
  // The rows the figure is made of; the days any of them changed are the days to look at.
  const fact = (await factOn(asOf)) ?? null;
  const read = fact ?? (await factOn());
  if (!read) return { fact, history: [] };
  const single = [{ from: read.vintage.released ?? "", value: read.value, vintage: read.vintage }];
  if (read.provenance.rows.length === 0) return { fact, history: single };
  const groups = new Map<string, { periods: string[]; row: Fact["provenance"]["rows"][number] }>();
  // A balance's rows stand for both flows.
  const rows = read.provenance.rows.flatMap((row) => ((row.flow as string) === "balance" ? (["export", "import"] as const).map((flow) => ({ ...row, flow })) : [row]));
  for (const row of rows) {
    const key = [row.flow, row.partner, row.commodity, row.measure].join("|");
    const group = groups.get(key) ?? { periods: [], row };
    group.periods.push(row.period);
    groups.set(key, group);
  }
  const params: string[] = [];
  const where = [...groups.values()].map(({ row, periods }) => {
    params.push(row.flow, row.partner, row.commodity, row.measure, `${periods.sort()[0]}-01`, `${periods.at(-1)}-01`);
    return `(o.flow = ? AND o.partner = ? AND o.commodity = ? AND o.measure = ? AND o.period BETWEEN ?::DATE AND ?::DATE)`;
  });
  const days = await store.rows<{ day: string }>(
    `SELECT DISTINCT strftime(r.effective, '%Y-%m-%d') AS day FROM observations o JOIN releases r USING (release_id)
     WHERE ${where.join(" OR ")} ORDER BY day`,
    params,
  );
  const history: FactVersion[] = [];
  for (const { day } of days) {
    const fact = await factOn(day);
    const value = fact?.value ?? null;
    if (history.length === 0 ? value === null : history.at(-1)!.value === value) continue;
    history.push({ from: day, value, vintage: fact?.vintage ?? null });
  }
  return { fact, history: history.length > 0 ? history : single };
}
