// Errors over HTTP, as RFC 9457 problem details: the CLI's own message as `detail`, a status that says whose
// fault it is (400 a bad parameter, 404 a month not held, 413 too large, 503 the store is busy or absent).

import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BoekiError, EXIT } from "../errors.js";
import { StoreBusyError, StoreMissingError } from "./store-access.js";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The exit code `boeki` gives the same error. */
  exitCode: number;
  /** For a bad parameter: which one. */
  parameter?: string;
}

/** A problem raised on purpose by the server (a month not held, a chart that does not exist). */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly kind: string,
    readonly title: string,
    message: string,
    readonly exitCode: number = EXIT.usage,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** Seconds a client should wait before asking again while the store is written. */
export const RETRY_AFTER_SECONDS = 2;

export function problemOf(error: unknown): Problem {
  const make = (status: number, kind: string, title: string, detail: string, exitCode: number, parameter?: string): Problem => ({
    type: `urn:boeki:problem:${kind}`, title, status, detail, exitCode, ...(parameter ? { parameter } : {}),
  });
  if (error instanceof HttpProblem) return make(error.status, error.kind, error.title, error.message, error.exitCode, error.parameter);
  if (error instanceof StoreBusyError) return make(503, "store-busy", "The store is being written", error.message, error.exitCode);
  if (error instanceof StoreMissingError) return make(503, "no-store", "There is no store yet", error.message, error.exitCode);
  if (error instanceof BoekiError) {
    if (error.exitCode === EXIT.usage) return make(400, "bad-parameter", "Bad parameter", error.message, error.exitCode);
    if (error.exitCode === EXIT.badInput) return make(422, "bad-input", "Input that cannot be read", error.message, error.exitCode);
    if (error.exitCode === EXIT.store) return make(503, "store", "The store cannot be read", error.message, error.exitCode);
    return make(500, "failure", "Unexpected failure", error.message, error.exitCode);
  }
  return make(500, "failure", "Unexpected failure", error instanceof Error ? error.message : String(error), EXIT.failure);
}

export function problemResponse(c: Context, problem: Problem): Response {
  c.header("ETag", undefined); // set for the answer that could not be given
  const headers: Record<string, string> = { "Content-Type": "application/problem+json", "Cache-Control": "no-store" };
  if (problem.status === 503) headers["Retry-After"] = String(RETRY_AFTER_SECONDS);
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, headers);
}
