import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import ajvFormats from 'ajv-formats';
import { ROOT } from './fixtures.js';

/** Validators for the published schemas copied under test/vendor/ (see its README): the outside judges of ivrflow's formats. */
export function vendorSchemaValidator(file: string): (data: unknown) => ErrorObject[] {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test/vendor', file), 'utf8')) as object;
  // The published schemas are not written for ajv's strict mode (unknown keywords such as `markdownDescription`).
  const ajv = new Ajv({ allErrors: true, strict: false });
  // A CommonJS module: its function is also its `default` property, which both loaders agree on.
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (data) => (validate(data) ? [] : [...(validate.errors ?? [])]);
}
