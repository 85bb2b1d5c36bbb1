import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderGraph } from '../../src/graph/render.js';
import type { HttpNode } from '../../src/ir/nodes.js';
import { check, compile, mutateFlow, positionOf } from '../helpers/fixtures.js';
import { checkSpec } from '../../src/pipeline.js';

const hipaa = (edits: Record<string, unknown>) => mutateFlow('hipaa-member-summary', edits);
const ofCode = (text: string, code: string) => check(text).filter((diagnostic) => diagnostic.code === code);

function httpNode(text: string, id: string): HttpNode {
  const result = checkSpec('spec.yaml', Buffer.from(text, 'utf8'));
  expect(result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  const node = result.graph!.nodes.find((candidate) => candidate.id === id);
  expect(node?.kind).toBe('http');
  return node as HttpNode;
}

describe('http onFailure', () => {
  it('may be left out when the endpoint has plain response: none', () => {
    const text = hipaa({});
    expect(Object.keys(parse(text).steps.audit)).not.toContain('onFailure');
    expect(check(text).filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
    expect(ofCode(text, 'graph/unreachable-outcome')).toEqual([]);
  });

  it('is required, at the step, for an endpoint with response fields', () => {
    const text = hipaa({ 'steps.lookupSummary.onFailure': undefined });
    const found = ofCode(text, 'schema/required');
    expect(found.map((diagnostic) => diagnostic.path.join('.'))).toEqual(['steps.lookupSummary']);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.span?.start).toMatchObject(positionOf(text, 'lookupSummary:'));
    expect(found[0]!.message).toContain('onFailure');
    expect(found[0]!.hint).toContain('response: none');
  });

  it('is required for response: { successStatuses }, where an unlisted 2xx is a failure', () => {
    const text = hipaa({ 'endpoints.auditAccess.response': { successStatuses: [204] } });
    expect(ofCode(text, 'schema/required').map((diagnostic) => diagnostic.path.join('.'))).toEqual(['steps.audit']);
  });

  it('warns at the key when written for plain response: none, where it can never run', () => {
    const text = hipaa({ 'steps.audit.onFailure': 'routeMembers' });
    const found = ofCode(text, 'graph/unreachable-outcome');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.path).toEqual(['steps', 'audit', 'onFailure']);
    expect(found[0]!.span?.start).toMatchObject(positionOf(text, 'onFailure: routeMembers', 2));
    expect(found[0]!.hint).toContain('Delete `onFailure`');
    expect(check(text).filter((diagnostic) => diagnostic.severity === 'error')).toEqual([]);
  });

  it('leaves an unknown endpoint to ref/unknown-endpoint', () => {
    const text = hipaa({ 'steps.audit.endpoint': 'auditAcess' });
    expect(ofCode(text, 'ref/unknown-endpoint')).toHaveLength(1);
    expect(ofCode(text, 'schema/required')).toEqual([]);
    expect(ofCode(text, 'graph/unreachable-outcome')).toEqual([]);
  });
});

describe('lowering an http step without onFailure', () => {
  it('wires onFailure to the onTimeout target and keeps it out of the edges', () => {
    const node = httpNode(hipaa({}), 'audit');
    expect(node.onFailure).toBe(node.onTimeout);
    expect(node.onTimeout).toBe('routeMembers');
    expect(node.edges.map((edge) => edge.name)).toEqual(['onSuccess', 'onTimeout']);
  });

  it('keeps a written onFailure, edge included', () => {
    const node = httpNode(hipaa({ 'steps.audit.onFailure': 'attachSummary' }), 'audit');
    expect(node.onFailure).toBe('attachSummary');
    expect(node.edges.map((edge) => edge.name)).toEqual(['onSuccess', 'onFailure', 'onTimeout']);
  });

  it('draws no onFailure arrow the flow cannot take', () => {
    const graph = checkSpec('spec.yaml', Buffer.from(hipaa({}), 'utf8')).graph!;
    const dot = renderGraph(graph, 'dot');
    expect(dot).toContain('"audit" -> "routeMembers" [label="onTimeout"]');
    expect(dot).not.toContain('"audit" -> "routeMembers" [label="onFailure"]');
    expect(dot).toContain('"lookupSummary" -> "routeMembers" [label="onFailure"]');
  });

  it('compiles to the same vendor files as onFailure written to the onTimeout target', async () => {
    const vendorFiles = async (text: string) =>
      ((await compile(text, { placeholders: 'keep' })).artifacts ?? [])
        .filter((artifact) => artifact.target === 'genesys' || artifact.target === 'cxone')
        .map((artifact) => [artifact.path, artifact.contents]);
    const without = await vendorFiles(hipaa({}));
    expect(without.map(([path]) => path)).toEqual(expect.arrayContaining(['genesys/secure-call.yaml', 'cxone/HipaaMemberSummary.json']));
    expect(without).toEqual(await vendorFiles(hipaa({ 'steps.audit.onFailure': 'routeMembers' })));
  });
});
