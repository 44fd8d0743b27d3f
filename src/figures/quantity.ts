// Quantities in comparable units: the press tables print thousands and millions (TKL, TMT, TNO, MNO) where the
// time series print the unit itself (KL, MT, NO), so a year-earlier quantity from another source compares.

/** A quantity and its unit as one unit: `10,136 TKL` → `10,136,000 KL`. Units without a known prefix stay as printed. */
export function normalizedQuantity(value: number, unit: string): { value: number; unit: string } {
  if (unit.length !== 3 || (unit[0] !== "T" && unit[0] !== "M")) return { value, unit };
  const m = /^([TM])(KL|MT|NO|KG)$/.exec(unit);
  if (!m) return { value, unit };
  return { value: value * (m[1] === "T" ? 1_000 : 1_000_000), unit: m[2]! };
}
