import { EngineError } from '../../engine-contract.js';

/**
 * A value of a parsed artifact with its location (`file: /json/pointer`), so every EngineError says
 * where the artifact holds what the engine does not know.
 */
export class Tree {
  constructor(
    readonly value: unknown,
    readonly file: string,
    readonly pointer: string = '',
  ) {}

  get where(): string {
    return `${this.file}: ${this.pointer || '/'}`;
  }

  fail(message: string): never {
    throw new EngineError(message, this.where);
  }

  child(key: string | number): Tree {
    const value = Array.isArray(this.value) ? (this.value as unknown[])[key as number] : (this.value as Record<string, unknown>)[key];
    return new Tree(value, this.file, `${this.pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`);
  }

  isObject(): boolean {
    return typeof this.value === 'object' && this.value !== null && !Array.isArray(this.value);
  }

  keys(): string[] {
    if (!this.isObject()) this.fail(`expected a mapping, found ${describe(this.value)}`);
    return Object.keys(this.value as object);
  }

  has(key: string): boolean {
    return this.isObject() && Object.hasOwn(this.value as object, key);
  }

  /**
   * The mapping's children by key. A key outside `allowed` is a property this engine does not model;
   * a key in `required` that is missing is an artifact Archy would not accept.
   */
  object<const A extends string, const R extends A = A>(
    allowed: readonly A[],
    required: readonly R[] = allowed as readonly R[],
  ): Record<R, Tree> & Partial<Record<A, Tree>> {
    const keys = this.keys();
    const unknown = keys.find((key) => !(allowed as readonly string[]).includes(key));
    if (unknown !== undefined) this.fail(`unknown property ${JSON.stringify(unknown)} (known: ${allowed.join(', ')})`);
    const missing = required.find((key) => !keys.includes(key));
    if (missing !== undefined) this.fail(`missing property ${JSON.stringify(missing)}`);
    return Object.fromEntries(keys.map((key) => [key, this.child(key)])) as Record<R, Tree> & Partial<Record<A, Tree>>;
  }

  /** A mapping with exactly one key: an action (`- playAudio: {...}`) or a value (`{lit: ...}`). */
  single(): [string, Tree] {
    const keys = this.keys();
    if (keys.length !== 1) this.fail(`expected exactly one key, found ${keys.length === 0 ? 'none' : keys.join(', ')}`);
    return [keys[0]!, this.child(keys[0]!)];
  }

  list(): Tree[] {
    if (!Array.isArray(this.value)) this.fail(`expected a list, found ${describe(this.value)}`);
    return this.value.map((_, index) => this.child(index));
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail(`expected text, found ${describe(this.value)}`);
    return this.value;
  }

  number(): number {
    if (typeof this.value !== 'number' || !Number.isFinite(this.value)) this.fail(`expected a number, found ${describe(this.value)}`);
    return this.value;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`expected true or false, found ${describe(this.value)}`);
    return this.value;
  }

  /** A plain scalar that must hold exactly this value (a property whose other values are not modelled). */
  exactly(expected: unknown): void {
    if (this.value !== expected) this.fail(`only ${JSON.stringify(expected)} is modelled here, found ${describe(this.value)}`);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : JSON.stringify(value);
}
