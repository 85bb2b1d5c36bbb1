/** What went wrong, so the CLI can pick the exit code and the message can say what to do. */
export type DeployFailureKind = 'credentials' | 'auth' | 'forbidden' | 'region' | 'network' | 'timeout' | 'http' | 'rejected' | 'input';

/**
 * A publish step that could not finish. `step` names it the way the plan and the result log do
 * ("log in to Genesys Cloud", "publish data action `Verify Identity OTP`"); the message and hint are
 * already redacted by whoever built the error.
 */
export class DeployError extends Error {
  constructor(
    readonly kind: DeployFailureKind,
    readonly step: string,
    message: string,
    readonly hint?: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A `.catch` handler that gives a 403 the vendor's own fix (which permissions the client needs);
 * every other error passes through unchanged.
 */
export function explainForbiddenWith(hint: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof DeployError && error.kind === 'forbidden')
      throw new DeployError('forbidden', error.step, error.message, hint, error.status);
    throw error;
  };
}
