// The figures of some sections only: a month holds thousands of facts, an analyst (or an agent) often wants the headline.

import { SECTIONS, type Figures, type Section } from "./index.js";

export function onlySections(result: Figures, wanted: readonly Section[]): Figures {
  const sections = Object.fromEntries(SECTIONS.map((name) => [name, wanted.includes(name) ? result.sections[name] : []])) as Figures["sections"];
  const ids = new Set(Object.values(sections).flat());
  return { ...result, sections, facts: result.facts.filter((f) => ids.has(f.id)) };
}
