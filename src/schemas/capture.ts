// A raw capture: the exact bytes a source served, with where and when, kept forever.
import { z } from "zod";
import { IsoTime } from "./decimal.ts";

export const CaptureMeta = z.object({
  id: z.number().int().positive(),
  sourceId: z.string().min(1),
  url: z.string().min(1),
  fetchedAt: IsoTime,
  httpStatus: z.number().int(),
  contentType: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
  /** Why parsing this capture failed as a whole, if it did (the bytes stay). */
  parseError: z.string().nullable().default(null),
});
export type CaptureMeta = z.infer<typeof CaptureMeta>;

/** What a parser sees: the bytes plus the metadata it may need (time, url). */
export interface CaptureInput {
  sourceId: string;
  url: string;
  fetchedAt: string;
  contentType: string | null;
  bytes: Uint8Array;
}

export interface Capture extends CaptureMeta {
  bytes: Uint8Array;
}
