// Declarations for the validator that scripts/compile-schema.mjs generates at build time.
import type { ErrorObject } from 'ajv';

export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export declare const validate: SchemaValidator;
export default validate;
