// Response bodies: read under a hard byte cap while streaming, then undo Content-Encoding under a second cap.
import { Readable } from "node:stream";
import zlib from "node:zlib";
import { FetchFailure } from "./errors.ts";

/** Reads a body stream, aborting it as soon as more than `maxBytes` arrive (Content-Length is never trusted). */
export async function readCapped(body: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  body.on("error", () => undefined); // the loop below sees errors; destroy() must not become an uncaught one
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new FetchFailure(`response exceeds ${maxBytes} bytes`, false);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

/** The content codings of a Content-Encoding header, in the order to undo them. */
export function codingsToUndo(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== "" && c !== "identity")
    .reverse();
}

/** Undoes gzip / br / deflate codings with streaming zlib, failing once output passes `maxBytes`. */
export async function decodeBody(raw: Buffer, contentEncoding: string | null, maxBytes: number): Promise<Buffer> {
  let data = raw;
  for (const coding of codingsToUndo(contentEncoding)) {
    if (data.length === 0) break; // an empty body is empty in every coding (HEAD-like or 204-ish replies)
    data = await inflate(data, decoderFor(coding, data), coding, maxBytes);
  }
  if (data.length > maxBytes) throw new FetchFailure(`decompressed size exceeds ${maxBytes} bytes`, false);
  return data;
}

function decoderFor(coding: string, data: Buffer): zlib.Gunzip | zlib.BrotliDecompress | zlib.Inflate | zlib.InflateRaw {
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "br":
      return zlib.createBrotliDecompress();
    case "deflate":
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: sniff the zlib header.
      return looksZlibWrapped(data) ? zlib.createInflate() : zlib.createInflateRaw();
    default:
      throw new FetchFailure(`unsupported content-encoding: ${coding.slice(0, 40)}`, false);
  }
}

function looksZlibWrapped(data: Buffer): boolean {
  const [b0, b1] = [data[0], data[1]];
  if (b0 === undefined || b1 === undefined) return false;
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

async function inflate(input: Buffer, decoder: zlib.Gunzip | zlib.BrotliDecompress | zlib.Inflate | zlib.InflateRaw, coding: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  Readable.from([input]).pipe(decoder);
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw new FetchFailure(`decompressed size exceeds ${maxBytes} bytes`, false);
      chunks.push(chunk);
    }
  } catch (err) {
    decoder.destroy();
    if (err instanceof FetchFailure) throw err;
    // A corrupt or cut stream most often means a truncated transfer: worth another attempt.
    const reason = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new FetchFailure(`cannot decode ${coding} body: ${reason}`, true);
  }
  return Buffer.concat(chunks, total);
}
