import { randomBytes } from 'node:crypto';

/**
 * Identifiers in Meta's formats. A wamid is opaque to API users, but real ones are base64 of a small binary
 * record holding the user's number ("wamid.HBgL" + base64("16505551234") …, see the OAS examples); we build
 * the same structure so log lines and fixtures look alike. A per-instance salt keeps ids unique across
 * sandbox restarts (a demo database that deduplicates by wamid would otherwise drop new messages).
 */
export class IdFactory {
  private counter = 0;
  private readonly salt: string;

  constructor(seed?: string) {
    this.salt = (seed ?? randomBytes(4).toString('hex'))
      .toUpperCase()
      .replace(/[^0-9A-F]/g, '0')
      .padEnd(8, '0');
  }

  /** Outbound (business → user) or inbound (user → business) message id for a wa_id. */
  wamid(waId: string, direction: 'outbound' | 'inbound'): string {
    this.counter += 1;
    const hex = (this.salt.slice(0, 8) + this.counter.toString(16).toUpperCase().padStart(10, '0')).slice(0, 18);
    const digits = Buffer.from(waId, 'ascii');
    const kind = direction === 'outbound' ? 0x11 : 0x12;
    const raw = Buffer.concat([
      Buffer.from([0x1c, 0x18, digits.length]),
      digits,
      Buffer.from([0x15, 0x02, 0x00, kind, 0x18, hex.length]),
      Buffer.from(hex, 'ascii'),
      Buffer.from([0x00]),
    ]);
    return `wamid.${raw.toString('base64')}`;
  }

  /** A numeric Graph object id (WABA, phone number, template, app): 15 digits like Meta's. */
  numeric(): string {
    this.counter += 1;
    const base = Number.parseInt(this.salt.slice(0, 6), 16) % 900_000;
    return String(100_000_000_000_000 + base * 1_000_000_000 + this.counter);
  }

  /** An opaque access token ("EAA…" like Meta's system-user tokens). */
  token(): string {
    this.counter += 1;
    return `EAASBX${randomBytes(24).toString('base64url')}`;
  }
}
