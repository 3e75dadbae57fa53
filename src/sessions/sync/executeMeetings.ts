import type { Link, WriteRecord } from '../writeLog.ts';
import { type ExecContext, retryableStatus, type SessionFailures } from './execContext.ts';
import { meetingAssociationInputs, meetingTypeId } from './meetingPlan.ts';
import type { SessionPlan } from './planSession.ts';
import { addMeetingAssociations, updateRecords } from './recordUpdates.ts';
import { type CreateItem, createRecorded } from './recordedCreates.ts';
import type { WriteRecords } from './recoverLostCreates.ts';

/**
 * One meeting per (portal, session): created once (batch create with inline associations); after a changed
 * session, updated in place (batch update) and given associations to newly matched records (v4 batch create).
 * Associations are never removed: a rep may have added them. Returns the meeting id per session.
 */
const linkKey = ([type, id]: Link) => `${type}:${id}`;

export async function executeMeetings(
  ctx: ExecContext,
  plans: readonly SessionPlan[],
  records: WriteRecords,
  failures: SessionFailures,
): Promise<Map<string, string>> {
  const meetingIds = new Map<string, string>();
  const creates: CreateItem[] = [];
  const changed: { plan: SessionPlan; record: WriteRecord }[] = [];
  for (const plan of plans) {
    const record = records.get(plan.sessionId)?.get('meeting');
    if (record?.hubspotId) {
      meetingIds.set(plan.sessionId, record.hubspotId);
      if (record.propsHash !== plan.meeting.write.propsHash || newLinks(plan, record).length > 0)
        changed.push({ plan, record });
    } else {
      const { write, properties } = plan.meeting;
      creates.push({ write, input: { properties, associations: meetingAssociationInputs(write.associations) } });
    }
  }
  for (const [id, result] of await createRecorded(ctx, 'meetings', creates)) {
    const sessionId = id.slice(0, id.lastIndexOf('|'));
    if (result.ok) meetingIds.set(sessionId, result.id);
    else failures.fail(sessionId, result.reason, result.retryable);
  }
  await updateChanged(ctx, changed, failures);
  return meetingIds;
}

function newLinks(plan: SessionPlan, record: WriteRecord): Link[] {
  const have = new Set(record.associations.map(linkKey));
  return plan.meeting.write.associations.filter((l) => !have.has(linkKey(l)));
}

async function updateChanged(
  ctx: ExecContext,
  changed: readonly { plan: SessionPlan; record: WriteRecord }[],
  failures: SessionFailures,
): Promise<void> {
  const propsChanged = changed.filter((c) => c.record.propsHash !== c.plan.meeting.write.propsHash);
  const updates = new Map(propsChanged.map((c) => [c.record.hubspotId!, c.plan.meeting.properties]));
  const errors = await updateRecords(ctx.hubspot, ctx.portalId, 'meetings', updates, 'sessions.meetings');
  const failed = new Map<string, { message: string; retryable: boolean }>();
  for (const [id, e] of errors) if (e) failed.set(id, { message: e.message, retryable: retryableStatus(e.status) });
  for (const to of ['contacts', 'companies', 'deals'] as const) {
    const pairs = changed.flatMap((c) =>
      newLinks(c.plan, c.record)
        .filter(([type]) => type === to)
        .map(([, toId]) => ({ fromId: c.record.hubspotId!, toId, typeId: meetingTypeId(to) })),
    );
    if (pairs.length === 0) continue;
    for (const id of await addMeetingAssociations(ctx.hubspot, ctx.portalId, to, pairs, 'sessions.meetings')) {
      failed.set(id, { message: `HubSpot refused new ${to} associations`, retryable: true });
    }
  }
  for (const { plan, record } of changed) {
    const f = failed.get(record.hubspotId!);
    if (f) {
      failures.fail(plan.sessionId, `could not update meeting ${record.hubspotId}: ${f.message}`, f.retryable);
      continue;
    }
    const associations = [
      ...new Map([...record.associations, ...plan.meeting.write.associations].map((l) => [linkKey(l), l])).values(),
    ];
    ctx.writes.markWritten(ctx.portalId, { ...plan.meeting.write, associations }, record.hubspotId!, ctx.now());
  }
}
