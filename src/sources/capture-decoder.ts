// The one capture decoder of every parser and importer: gzip, charset, BOM, and markup served where data was expected.
import { gunzipSync } from "node:zlib";
import type { CaptureInput } from "../schemas/capture.ts";
import { SourceParseError } from "./types.ts";

/** The charset a Content-Type header names ("text/csv; charset=GBK" -> "gbk"), or null. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? "");
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * Bytes as text. Gzip (magic 1f 8b) is inflated first: stored captures and dataset files are often
 * compressed. The charset of `contentType` decodes them when the runtime knows it, else UTF-8. A
 * leading BOM (UTF-8 or one the charset defines) is dropped. Pure: no I/O.
 */
export function decodeBytes(bytes: Uint8Array, contentType: string | null = null): string {
  let raw = bytes;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      raw = gunzipSync(raw);
    } catch (err) {
      throw new SourceParseError(`gzip capture could not be inflated: ${(err as Error).message}`);
    }
  }
  const text = new TextDecoder(decoderLabel(charsetOf(contentType))).decode(raw);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decoderLabel(charset: string | null): string {
  if (charset === null) return "utf-8";
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    // An unknown label is a server's typo more often than a real encoding: read it as UTF-8.
    return "utf-8";
  }
}

/** A capture's text (see decodeBytes). */
export function captureText(capture: Pick<CaptureInput, "bytes" | "contentType">): string {
  return decodeBytes(capture.bytes, capture.contentType);
}

/** True when the text is an HTML page (error pages, captive portals, login walls, bot challenges). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(text);
}

/** Throws SourceParseError when the text cannot be `what` (CSV, JSON...): empty, or an HTML page. */
export function assertNotMarkup(text: string, what: string, label = ""): void {
  const prefix = label === "" ? "" : `${label}: `;
  if (text.trim() === "") throw new SourceParseError(`${prefix}empty capture`);
  if (looksLikeHtml(text)) throw new SourceParseError(`${prefix}got an HTML page, not ${what}`);
}

/** JSON text as a value, or SourceParseError saying why not (empty, HTML/XML, truncated). */
export function parseJsonText(text: string, label = ""): unknown {
  assertNotMarkup(text, "JSON", label);
  const prefix = label === "" ? "" : `${label}: `;
  // Any markup is not JSON: XML error bodies too, not only HTML pages.
  if (text.trimStart().startsWith("<")) throw new SourceParseError(`${prefix}capture is HTML/XML, not JSON`);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SourceParseError(`${prefix}invalid or truncated JSON (${(err as Error).message})`);
  }
}

/** A JSON capture as a value (see parseJsonText); `label` names the source in the message. */
export function captureJson(capture: Pick<CaptureInput, "bytes" | "contentType">, label = ""): unknown {
  return parseJsonText(captureText(capture), label);
}
