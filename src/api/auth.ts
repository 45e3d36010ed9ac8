// The one authorizer of operator routes (reads and actions): Authorization: Bearer <token>, compared in constant time.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { ApiError } from "./errors.ts";

export type Authorizer = (c: Context) => void;

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** RFC 6750: the scheme is case-insensitive, the token is visible ASCII; nothing may follow it. */
const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/** A check of the bearer token, or undefined when no token is configured (then operator routes do not exist). */
export function operatorAuthorizer(token: string | undefined): Authorizer | undefined {
  if (!token) return undefined;
  const expected = digest(token);
  return (c) => {
    const match = BEARER.exec(c.req.header("authorization") ?? "");
    // Equal-length digests: the comparison time says nothing about where or whether the strings differ.
    const ok = timingSafeEqual(digest(match?.[1] ?? ""), expected) && match !== null;
    if (!ok) throw new ApiError(401, "unauthorized", "operator routes need Authorization: Bearer <CPI_OPERATOR_TOKEN>", undefined, { "www-authenticate": 'Bearer realm="cpi-operator"' });
  };
}
