import { describe, expect, it } from 'vitest';
import { type MessageStatus, nextStatus } from '../../src/messaging/statusTransitions.ts';
import type { DeliveryStatus } from '../../src/whatsapp/provider.ts';

describe('message status only moves forward', () => {
  it.each<[MessageStatus, DeliveryStatus, MessageStatus, boolean]>([
    ['accepted', 'sent', 'sent', true],
    ['sent', 'delivered', 'delivered', true],
    ['delivered', 'read', 'read', true],
    ['sent', 'read', 'read', true], // read without delivered (§3)
    ['accepted', 'read', 'read', true], // reordered: read arrives first
    ['pending', 'sent', 'sent', true], // webhook before our own acceptance was written
    ['read', 'delivered', 'read', false],
    ['read', 'sent', 'read', false],
    ['delivered', 'sent', 'delivered', false],
    ['delivered', 'delivered', 'delivered', false],
    ['accepted', 'failed', 'failed', true],
    ['sent', 'failed', 'failed', true],
    ['failed', 'delivered', 'failed', false], // failed is final
    ['failed', 'read', 'failed', false],
    ['delivered', 'failed', 'delivered', false], // a delivery the user had is not undone [inferred]
    ['read', 'failed', 'read', false],
    ['received', 'read', 'received', false],
  ])('%s + %s → %s (changed: %s)', (current, incoming, status, changed) => {
    expect(nextStatus(current, incoming)).toMatchObject({ status, changed });
  });
});
