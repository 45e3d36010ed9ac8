import { seededApp } from "./test/api/fixture.ts";
import { Hono } from "hono";
const { app } = await seededApp();
const hello = new Hono(); hello.get("/hello", (c) => c.text("hello"));
for (const [name, a, p] of [["hello", hello, "/hello"], ["latest", app, "/v1/indices/GPU-H100SXM-OD/latest"], ["index", app, "/v1/indices/GPU-H100SXM-OD"], ["board", app, "/v1/indices?spark=90"], ["fixings", app, "/v1/indices/GPU-H100SXM-OD/fixings"]] as const) {
  for (let i = 0; i < 200; i++) await (await a.request(p)).arrayBuffer();
  const t = performance.now(); const n = 2000;
  for (let i = 0; i < n; i++) await (await a.request(p)).arrayBuffer();
  console.log(name, ((performance.now() - t) / n).toFixed(3), "ms/req");
}
