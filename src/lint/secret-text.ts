/**
 * Recognising secrets written as text. Kept apart from the rule so the thresholds are tested on
 * their own: ordinary words, ids and `{{placeholders}}` must not look like secrets.
 */

/** `Authorization` schemes that carry a credential (RFC 9110 §11, RFC 6750, RFC 7617). */
const AUTH_SCHEME = /^\s*(bearer|basic|digest|token|apikey|hmac|aws4-hmac-sha256)\s+(\S+)/i;
const PLACEHOLDER = /\{\{[^}]*\}\}/g;
/** A canonical UUID is an id (an org, a queue), not a secret, even though it looks random. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_CHARACTERS = /^[A-Za-z0-9+/=_\-.~]+$/;
/** Shortest run that is considered: API keys and tokens are at least 20 characters in practice. */
export const MIN_SECRET_LENGTH = 20;
/**
 * Bits per character. Random base64 or base62 text scores about 4–6 at these lengths, random hex
 * about 3.4–4. Words score high too (`identity-promotion-v2-service` 3.7), so entropy alone is not
 * enough: see CLASS_CHANGES.
 */
const MIN_ENTROPY = 3.5;
const MIN_HEX_ENTROPY = 3;
/**
 * Changes of character class per character (lower→upper, letter↔digit; upper→lower is how every
 * capitalised word starts, so it does not count). Random text changes class at almost every
 * other character (≥ 0.2); words, PascalCase names and versioned paths stay at or below 0.15.
 */
const MIN_CLASS_CHANGES = 0.2;
/** Published formats whose shape alone gives them away (AWS access key id, GitHub and Slack tokens, Stripe keys). */
const KNOWN_FORMATS = [
  /^(AKIA|ASIA)[0-9A-Z]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^xox[abpr]-[A-Za-z0-9-]{10,}$/,
  /^[sr]k_(live|test)_[A-Za-z0-9]{10,}$/,
];

/**
 * The scheme of a literal `Authorization` value (`Bearer eyJ...`, `Basic {{creds}}`), or undefined.
 * The credential part must look like one, so that "Basic customers" in a body is text.
 */
export function hasAuthScheme(text: string): string | undefined {
  const match = AUTH_SCHEME.exec(text);
  const credential = match?.[2] ?? '';
  const looksLikeCredential =
    credential.startsWith('{{') || (credential.length >= 8 && TOKEN_CHARACTERS.test(credential) && !/^[a-z]+$/.test(credential));
  return looksLikeCredential ? match?.[1] : undefined;
}

/** Shannon entropy of the characters of `text`, in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

/**
 * The first run of `text` that looks like a random secret. `separators` split the text into runs
 * (URLs split on `/`, `?`, `&`, `=`; header and body text on spaces only, since base64 holds `/`).
 */
export function highEntropyRun(text: string, separators: RegExp): string | undefined {
  const runs = text.replace(PLACEHOLDER, ' ').split(separators);
  return runs.find(looksRandom);
}

export function looksRandom(run: string): boolean {
  if (KNOWN_FORMATS.some((format) => format.test(run))) return true;
  if (run.length < MIN_SECRET_LENGTH || !TOKEN_CHARACTERS.test(run) || UUID.test(run)) return false;
  const hex = /^[0-9a-fA-F]+$/.test(run);
  return shannonEntropy(run) >= (hex ? MIN_HEX_ENTROPY : MIN_ENTROPY) && classChanges(run) >= MIN_CLASS_CHANGES;
}

function classChanges(run: string): number {
  let changes = 0;
  for (let at = 1; at < run.length; at++) {
    const before = classOf(run[at - 1]!);
    const after = classOf(run[at]!);
    if (before && after && before !== after && !(before === 'upper' && after === 'lower')) changes++;
  }
  return changes / run.length;
}

function classOf(character: string): 'lower' | 'upper' | 'digit' | undefined {
  if (character >= 'a' && character <= 'z') return 'lower';
  if (character >= 'A' && character <= 'Z') return 'upper';
  return character >= '0' && character <= '9' ? 'digit' : undefined;
}
