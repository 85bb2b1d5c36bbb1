/**
 * Every secret a publish handles (client secrets, access keys, access tokens, bearer tokens filled
 * into a script) is registered here the moment it is read or received, and every text that leaves
 * the deploy stage (messages, the plan, the result log, diagnostics) passes through `text()`. A
 * server that echoes a request back in an error body therefore cannot make ivrflow print a secret.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret and returns it unchanged, so a read can be wrapped: `redactor.add(env.X)`. */
  add<T extends string | undefined>(secret: T): T {
    // Very short values would redact ordinary words; no real credential is this short.
    if (secret !== undefined && secret.length >= 4) {
      this.secrets.add(secret);
      this.secrets.add(encodeURIComponent(secret));
      this.secrets.add(JSON.stringify(secret).slice(1, -1));
      this.secrets.add(Buffer.from(secret).toString('base64'));
    }
    return secret;
  }

  text(value: string): string {
    let clean = value;
    // Longest first, so a secret that contains another is removed whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) clean = clean.split(secret).join('[redacted]');
    return clean;
  }
}
