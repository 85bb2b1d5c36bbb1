import { encodeUrlComponent, querySeparator, splitUrl } from '../flowspec/url-parameters.js';
import type { IrEndpoint, IrReadable } from './nodes.js';

/**
 * An endpoint's request url as the platforms build it (spec 1.1): literal text, in which literal
 * path and query values are already percent-encoded, and the values read at run time, which each
 * platform encodes as it sends the request (Velocity `$esc.uriEncode`, the Snippet `urlencode`).
 */
export type UrlPiece = { kind: 'text'; text: string } | { kind: 'value'; value: IrReadable; part: 'path' | 'query'; name: string };

export function urlPieces(endpoint: IrEndpoint): UrlPiece[] {
  const pieces: UrlPiece[] = [];
  const text = (value: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += value;
    else pieces.push({ kind: 'text', text: value });
  };
  for (const part of splitUrl(endpoint.url)) {
    if (part.kind === 'text') text(part.text);
    else {
      const parameter = endpoint.path.find((candidate) => candidate.name === part.name);
      if (!parameter) text(`{${part.name}}`);
      else if (parameter.value.kind === 'literal') text(encodeUrlComponent(String(parameter.value.value)));
      else pieces.push({ kind: 'value', value: parameter.value, part: 'path', name: parameter.name });
    }
  }
  endpoint.query.forEach(({ name, value }, position) => {
    text(`${position === 0 ? querySeparator(endpoint.url) : '&'}${encodeUrlComponent(name)}=`);
    if (value.kind === 'literal') text(encodeUrlComponent(String(value.value)));
    else pieces.push({ kind: 'value', value, part: 'query', name });
  });
  return pieces;
}

/** The url with every run-time value rendered by `render` (already encoded by the caller). */
export function renderUrl(pieces: readonly UrlPiece[], render: (piece: Extract<UrlPiece, { kind: 'value' }>) => string): string {
  return pieces.map((piece) => (piece.kind === 'text' ? piece.text : render(piece))).join('');
}
