/**
 * Path parameters in an endpoint url (spec 1.1): `{name}`, single braces. `{{key}}` is a deploy-time
 * placeholder and never a parameter.
 */
const PATH_PARAMETER = /(?<!\{)\{([A-Za-z_][A-Za-z0-9_]{0,63})\}(?!\})/g;

/** The names of the url's path parameters, in order, once each. */
export function pathParameterNames(url: string): string[] {
  return [...new Set([...url.matchAll(PATH_PARAMETER)].map((match) => match[1]!))];
}

/** One piece of a url: literal text, or the value of a path parameter. */
export type UrlPart = { kind: 'text'; text: string } | { kind: 'parameter'; name: string };

/** The url as text and path parameters, in order; the emitters and engines build the request from it. */
export function splitUrl(url: string): UrlPart[] {
  const parts: UrlPart[] = [];
  let last = 0;
  for (const match of url.matchAll(PATH_PARAMETER)) {
    if (match.index > last) parts.push({ kind: 'text', text: url.slice(last, match.index) });
    parts.push({ kind: 'parameter', name: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < url.length) parts.push({ kind: 'text', text: url.slice(last) });
  return parts;
}

/**
 * Percent-encoding of one path segment or query value: everything but the RFC 3986 unreserved
 * characters (A-Z a-z 0-9 - . _ ~), as UTF-8 (https://www.rfc-editor.org/rfc/rfc3986#section-2.3).
 * A value can then never leave its segment (`/`, `?`, `#`, `&`, `=` are all encoded).
 */
export function encodeUrlComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The separator before the first appended query parameter. */
export function querySeparator(url: string): '?' | '&' {
  return url.includes('?') ? '&' : '?';
}
