import Database from "better-sqlite3";
const db = new Database("/tmp/cpi-smoke/cpi.db", { readonly: true });
let t = Date.now();
let after = 0, n = 0;
for (;;) { const rows = db.prepare("SELECT * FROM observations WHERE id > ? ORDER BY id LIMIT 5000").all(after) as { id: number }[]; if (!rows.length) break; n += rows.length; after = rows[rows.length-1]!.id; }
console.log("raw pages", n, Date.now() - t);
t = Date.now(); n = 0;
for (const r of db.prepare("SELECT * FROM observations ORDER BY id").iterate()) n++;
console.log("iterate", n, Date.now() - t);
console.log(db.prepare("EXPLAIN QUERY PLAN SELECT * FROM observations WHERE id > ? ORDER BY id LIMIT 5000").all(0));
