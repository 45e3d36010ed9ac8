// Tampering for tests: edit a SQLite database behind its store's back, with the append-only triggers dropped.
import Database from "better-sqlite3";
import { openStore, type Store } from "../../src/db/index.ts";
import type { Signer } from "../../src/jobs/signing.ts";
import { fixingDraft } from "./observations.ts";

const TRIGGERS = ["fixings_no_update", "fixings_no_delete", "audit_no_update", "audit_no_delete", "settlements_no_update", "settlements_no_delete"];

/** Close `store`, apply `edit` to its file, and return a store reopened on it. */
export async function tamperSqlite(store: Store, dbPath: string, edit: (db: Database.Database) => void): Promise<Store> {
  await store.close();
  const db = new Database(dbPath);
  db.exec(TRIGGERS.map((t) => `DROP TRIGGER IF EXISTS ${t};`).join(" "));
  edit(db);
  db.close();
  return openStore(dbPath);
}

/** A final fixing of `code` on `date`, published 5 s after 16:00 UTC and signed by `signer`. */
export async function publishFixing(store: Store, signer: Signer, code: string, date: string): Promise<void> {
  await store.appendFixing(fixingDraft({ indexCode: code, fixingDate: date, fixingTime: `${date}T16:00:00.000Z` }), { publishedAt: `${date}T16:00:05.000Z`, sign: signer.sign });
}
