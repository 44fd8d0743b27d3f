// boeki for AI agents over stdio: mcp. Standard output carries the protocol only; messages go to standard error.

import { Command } from "commander";
import { globals } from "../context.js";

export function registerMcpCommand(program: Command): void {
  program
    .command("mcp")
    .description("an MCP server on stdin/stdout for AI agents: tools releases, series, figures, fact, brief, check, codes; the latest brief as a resource")
    .action(async (_opts, cmd: Command) => {
      const o = globals(cmd);
      const { createMcpServer, StoreAccess } = await import("../../server/index.js");
      const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
      const access = new StoreAccess(o.db);
      const server = createMcpServer(access);
      const transport = new StdioServerTransport();
      // A client that closes our standard input is done asking: answer what it asked, then stop.
      const closed = new Promise<void>((resolve) => {
        transport.onclose = resolve;
        process.stdin.once("end", () => void setImmediate(() => void access.idle().then(() => setImmediate(resolve))));
      });
      await server.connect(transport);
      console.error(`boeki mcp: serving ${o.db} (read-only) on stdio`);
      await closed;
      await server.close();
      await access.close();
    });
}
