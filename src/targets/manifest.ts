import { createHash } from 'node:crypto';
import type { Artifact } from './artifact.js';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestInput {
  /** The spec's file name without its folders, so the manifest does not depend on where it ran. */
  specFile: string;
  specBytes: Uint8Array;
  toolVersion: string;
  /** The files the spec included (`include:`), named from the spec's folder: a change in one changes the manifest. */
  included?: readonly { file: string; bytes: Uint8Array }[];
}

/** Lists every artifact with its sha256, so CI and deploy scripts can tell what changed. */
export function buildManifest(artifacts: readonly Artifact[], input: ManifestInput): Artifact {
  const manifest = {
    generator: { name: 'ivrflow', version: input.toolVersion },
    spec: { file: input.specFile, sha256: sha256(input.specBytes) },
    // Present only for a spec with includes, so the manifests of other specs keep their bytes.
    ...(input.included?.length
      ? { included: input.included.map((included) => ({ file: included.file, sha256: sha256(included.bytes) })) }
      : {}),
    artifacts: [...artifacts]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((artifact) => ({ path: artifact.path, target: artifact.target, kind: artifact.kind, sha256: sha256(artifact.contents) })),
  };
  return { path: MANIFEST_FILE, contents: `${JSON.stringify(manifest, null, 2)}\n`, target: 'ivrflow', kind: 'manifest' };
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
