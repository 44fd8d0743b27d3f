// A folder on a disk of a chosen size, for tests of what boeki does when the disk fills. Where this process
// may mount (root, as in the project's sandbox), a real tmpfs: writes fail with ENOSPC. Elsewhere (CI as a
// plain user), a file-size limit on the child (bash's ulimit -f), under which the same writes fail with EFBIG.

import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { REPO, tempDir } from "./helpers.js";

export interface SmallDisk {
  dir: string;
  /** How the disk is made small: a tmpfs of that size, or a limit on each file the child writes. */
  kind: "tmpfs" | "ulimit";
  /** Runs the boeki CLI with the disk at `kb` kilobytes. */
  boeki(args: string[], kb: number): { code: number | null; stdout: string; stderr: string };
  release(): void;
}

function canMount(dir: string): boolean {
  // BOEKI_TEST_DISK=ulimit tries, as root, the way CI takes as a plain user.
  if (process.getuid?.() !== 0 || process.env.BOEKI_TEST_DISK === "ulimit") return false;
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export function smallDisk(): SmallDisk {
  const dir = tempDir("boeki-disk-");
  const bin = path.join(REPO, "bin", "boeki.js");
  if (canMount(dir)) {
    // Mounted at first use (a suite skipped by a filter mounts nothing and leaves nothing), roomy for the
    // test's own files, and shrunk to `kb` (never below what it holds) for each run.
    let mounted = false;
    const mount = () => {
      if (!mounted) execFileSync("mount", ["-t", "tmpfs", "-o", "size=1g", "tmpfs", dir]);
      mounted = true;
    };
    return {
      get dir() {
        mount();
        return dir;
      },
      kind: "tmpfs",
      boeki(args, kb) {
        mount();
        execFileSync("mount", ["-o", `remount,size=${kb}k`, dir]);
        try {
          const result = spawnSync(process.execPath, [bin, ...args], { cwd: REPO, encoding: "utf8", timeout: 120_000 });
          return { code: result.status, stdout: result.stdout, stderr: result.stderr };
        } finally {
          execFileSync("mount", ["-o", "remount,size=1g", dir]);
        }
      },
      release: () => void (mounted && execFileSync("umount", ["-l", dir])),
    };
  }
  return {
    dir,
    kind: "ulimit",
    boeki(args, kb) {
      const result = spawnSync("bash", ["-c", `ulimit -f ${kb} && exec "$0" "$@"`, process.execPath, bin, ...args], { cwd: REPO, encoding: "utf8", timeout: 120_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    release: () => undefined,
  };
}
