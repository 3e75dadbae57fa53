let counter = 0;

/**
 * A fresh id for each click that writes (a WhatsApp send, a created order). HubSpot may retry a hubspot.fetch once, and the service
 * answers a repeated id with the first send instead of sending twice. crypto.randomUUID is not guaranteed in the
 * card worker, so: time + a per-worker counter (two clicks in one millisecond differ) + a random tail (two reps'
 * workers in one millisecond differ).
 */
export function newRequestId(now: number = Date.now()): string {
  counter = (counter + 1) % 1_679_616; // 36^4: the counter part stays at most four characters
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `${now.toString(36)}-${counter.toString(36)}-${random}`;
}
