// Exact decimal numbers cross every boundary as canonical strings, never as binary floats.
import { z } from "zod";

/** A plain decimal literal: optional minus, digits, optional fraction. No exponent, no spaces. */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "must be a plain decimal number such as 2.49 (no exponent, no spaces)");
export type DecimalString = z.infer<typeof DecimalString>;

/** ISO 8601 UTC timestamp with a Z suffix, e.g. 2026-11-21T16:00:00.000Z. */
export const IsoTime = z.iso.datetime({ offset: false });
export type IsoTime = z.infer<typeof IsoTime>;

/** Calendar date YYYY-MM-DD. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;
