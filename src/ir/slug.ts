/**
 * The output folder of a flow. Only [a-z0-9-], so no flow name can climb out of `--out`
 * (`../`, absolute paths, drive letters) or clash on case-insensitive file systems.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'flow' : slug;
}
