import { writeFileSync } from "node:fs";
import { mutantOf } from "./worker.js";
const [seed, i, out] = process.argv.slice(2);
const m = mutantOf(Number(seed), Number(i));
writeFileSync(out!, m.bytes);
console.log(m.seed.origin, m.how);
