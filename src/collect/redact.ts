// Keeps credentials out of what the fetcher reports: secret query values, userinfo and auth header values.

// Exact names only: pagination parameters such as page_token must stay readable in stored capture URLs.
const SECRET_PARAM =
  /^(key|api[_-]?key|apikey|token|(access|id|refresh|auth|session)[_-]?token|auth|secret|client[_-]?secret|password|passwd|sig|signature|x-(amz|goog)-(signature|credential|security-token))$/i;
const SECRET_HEADER = /authorization|api[_-]?key|token|secret|cookie|^key$/i;
const MASK = "REDACTED";

/** The URL with secret query values and user:password replaced; unparseable input is masked whole after '?'. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    const q = raw.indexOf("?");
    return q < 0 ? raw : `${raw.slice(0, q)}?${MASK}`;
  }
  if (url.username) url.username = MASK;
  if (url.password) url.password = MASK;
  // Rewrite the query by hand so untouched parameters keep their original spelling.
  if (url.search) {
    const parts = url.search.slice(1).split("&").map((part) => {
      const eq = part.indexOf("=");
      const name = decodeSafe(eq < 0 ? part : part.slice(0, eq));
      return eq >= 0 && SECRET_PARAM.test(name) ? `${part.slice(0, eq)}=${MASK}` : part;
    });
    url.search = `?${parts.join("&")}`;
  }
  return url.href;
}

/** Secret strings a request carries (auth-like header values, secret query values, userinfo), for scrubbing. */
export function secretsOf(rawUrl: string, headers: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SECRET_HEADER.test(name)) continue;
    found.push(value);
    // "Bearer abc" -> also "abc", in case a message quotes only the credential.
    const token = value.split(/\s+/).pop();
    if (token && token !== value) found.push(token);
  }
  try {
    const url = new URL(rawUrl);
    for (const [name, value] of url.searchParams) if (SECRET_PARAM.test(name)) found.push(value, encodeURIComponent(value));
    if (url.username) found.push(url.username);
    if (url.password) found.push(url.password);
  } catch {
    // An invalid URL is reported via redactUrl only.
  }
  return [...new Set(found.filter((s) => s.length >= 3))].sort((a, b) => b.length - a.length);
}

/** `text` with every occurrence of each secret replaced. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  return out;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
