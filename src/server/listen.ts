// Puts the app on a socket: loopback by default, a guard against DNS rebinding there, and a clean stop.

import { serve } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { StoreAccess } from "./store-access.js";

export interface ServeOptions {
  db: string;
  port?: number;
  host?: string;
  webRoot?: string;
}

export interface RunningServer {
  url: string;
  access: StoreAccess;
  close(): Promise<void>;
}

const LOOPBACK = ["127.0.0.1", "localhost", "::1", "[::1]"];

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const access = new StoreAccess(options.db);
  // On loopback, answer only to loopback names: a web page elsewhere cannot rebind its own name to 127.0.0.1 and read the store.
  const allowedHosts = LOOPBACK.includes(host) ? ["127.0.0.1", "localhost", "[::1]"] : undefined;
  const app = createApp({ access, webRoot: options.webRoot, allowedHosts });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host }, () => resolve(s));
    s.once("error", reject);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/`,
    access,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => void access.close().then(resolve));
      }),
  };
}
