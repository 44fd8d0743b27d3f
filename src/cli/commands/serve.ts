// The HTTP API and the release desk page: serve.

import { Command } from "commander";
import { existsSync } from "node:fs";
import { UsageError } from "../../errors.js";
import { globals } from "../context.js";
import { printJson } from "../output.js";

export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("the HTTP API (docs at /docs) and the release desk page, read-only; loopback unless --host says otherwise")
    .option("--port <port>", "TCP port; 0 picks a free one", "8787")
    .option("--host <host>", "address to listen on (0.0.0.0: every interface)", "127.0.0.1")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number 0-65535, found "${o.port}"`);
      const { startServer } = await import("../../server/index.js");
      const server = await startServer({ db: o.db, port, host: o.host as string }).catch((error: NodeJS.ErrnoException) => {
        if (error.code === "EADDRINUSE") throw new UsageError(`--port: ${o.host}:${port} is in use (another boeki serve?): pick another port, or 0 for any free one`);
        if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") throw new UsageError(`--host: cannot listen on "${o.host}" (${error.code})`);
        throw error;
      });
      if (o.json) printJson({ url: server.url, store: o.db });
      else {
        console.log(`boeki serve: ${server.url}  (API docs ${server.url}docs; store ${o.db}, read-only; Ctrl-C stops)`);
        if (!existsSync(o.db)) console.log(`no store at ${o.db} yet: the page will show data once you run boeki update (or ingest)`);
        if (!["127.0.0.1", "localhost", "::1"].includes(o.host as string)) console.log(`listening on ${o.host}: anyone who can reach this machine can read the store`);
      }
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
