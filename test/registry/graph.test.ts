import { describe, expect, it } from 'vitest';
import { renderGraph } from '../../src/graph/render.js';
import { FLOW_NODE_KINDS } from '../../src/ir/nodes.js';
import { checkSpec } from '../../src/pipeline.js';
import { REPO_INCLUDES, readRepoFile } from '../helpers/fixtures.js';
import { AGREEMENT_FLOWS } from '../simulate/helpers.js';

/** The diagram reads only what every IR node has, so each kind renders with no change to src/graph/. */
describe('ivrflow graph', () => {
  const rendered = AGREEMENT_FLOWS.map((file) =>
    renderGraph(checkSpec(file, Buffer.from(readRepoFile(file)), { readInclude: REPO_INCLUDES }).graph!, 'dot'),
  ).join('\n');
  it.each(FLOW_NODE_KINDS)('draws a %s step as a box labelled with its kind', (kind) => {
    expect(rendered).toMatch(new RegExp(`\\\\n${kind}(\\\\n| |")`));
  });
});
