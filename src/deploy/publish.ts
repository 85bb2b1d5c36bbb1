import type { PublishContext, PublishInput, PublishOutcome } from './context.js';
import { DeployError } from './errors.js';
import { publishCxone } from './cxone/publish.js';
import { publishGenesys } from './genesys/publish.js';

export const PUBLISH_TARGETS = ['genesys', 'cxone'] as const;
export type PublishTarget = (typeof PUBLISH_TARGETS)[number];

export interface PublishRun {
  outcome: PublishOutcome;
  /** The step that stopped the publish; everything in `outcome.log` happened before it. */
  failure?: DeployError;
}

/** Plans, then (unless a dry run) publishes, in the vendor's order. Never throws a DeployError: it is returned with what was done. */
export async function runPublish(target: PublishTarget, inputs: readonly PublishInput[], ctx: PublishContext): Promise<PublishRun> {
  const outcome: PublishOutcome = { plan: [], log: [], problems: [] };
  try {
    if (target === 'genesys') await publishGenesys(inputs, ctx, outcome);
    else await publishCxone(inputs, ctx, outcome);
    return { outcome };
  } catch (error) {
    if (error instanceof DeployError) return { outcome, failure: error };
    throw error;
  }
}
