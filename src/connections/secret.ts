import { inspect } from 'node:util';

const MASK = '[secret]';

/**
 * A token (or any credential) that must never reach a log line, an error message or a JSON body.
 * The value sits in a private field, and every way of printing the object prints `[secret]`:
 * `String(s)`, template literals, `JSON.stringify` (so pino too) and `util.inspect` (console.log, vitest diffs).
 * Only `reveal()` hands the value out, at the one place that puts it on the wire or into the vault.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The plaintext; call it only where the value leaves the process (an HTTP header, the cipher). */
  reveal(): string {
    return this.#value;
  }

  get length(): number {
    return this.#value.length;
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [Symbol.toPrimitive](): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}
