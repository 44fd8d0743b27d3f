// boeki's network front ends, beside the CLI: the HTTP API with its web page (`boeki serve`) and the MCP server
// for agents (`boeki mcp`). Both read the store through StoreAccess and call the core; the core never imports them.

export { createApp, BOEKI_VERSION, CHECK_BODY_LIMIT, DEFAULT_WEB_ROOT, type AppOptions } from "./app.js";
export { StoreAccess, StoreBusyError, StoreMissingError, type StoreAccessOptions } from "./store-access.js";
export { startServer, type RunningServer, type ServeOptions } from "./listen.js";
export { createMcpServer } from "./mcp.js";
