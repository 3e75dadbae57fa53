import type { Db } from '../db/openDatabase.ts';
import type { ActionExecution, OutputFields } from './actionExecution.ts';

export type ExecutionState = 'executing' | 'answered' | 'blocked' | 'completed';

export interface ExecutionRow {
  callback_id: string;
  portal_id: number;
  action: string;
  object_type: string;
  object_id: number;
  request: string;
  state: ExecutionState;
  answer: string | null;
  output_fields: string | null;
  claimed_at: number;
  completion_sent_at: number | null;
  completed_at: number | null;
}

/** `CONTACT` as HubSpot sends it → `contact`, as webhook events and privacy cleanups name it. */
const objectTypeOf = (e: ActionExecution) => e.object.objectType.toLowerCase();

/** All SQL about workflow_action_executions. Every state change is a compare-and-swap on the previous state. */
export function createExecutionsRepo(db: Db) {
  const claim = db.prepare(`INSERT INTO workflow_action_executions
      (callback_id, portal_id, action, object_type, object_id, request, state, claimed_at)
      VALUES (@callbackId, @portalId, @action, @objectType, @objectId, @request, 'executing', @now)
      ON CONFLICT (callback_id) DO NOTHING`);
  const get = db.prepare<[string], ExecutionRow>('SELECT * FROM workflow_action_executions WHERE callback_id = ?');
  const reclaim = db.prepare<[number, string, number]>(`UPDATE workflow_action_executions SET claimed_at = ?
      WHERE callback_id = ? AND state = 'executing' AND claimed_at = ?`);
  const release = db.prepare<[string, number]>(`DELETE FROM workflow_action_executions
      WHERE callback_id = ? AND state = 'executing' AND claimed_at = ?`);
  const answer = db.prepare<[ExecutionState, string, number, string, number]>(`UPDATE workflow_action_executions
      SET state = ?, answer = ?, answered_at = ? WHERE callback_id = ? AND state = 'executing' AND claimed_at = ?`);
  const saveOutputs = db.prepare<[string, string]>(`UPDATE workflow_action_executions SET output_fields = ?
      WHERE callback_id = ? AND output_fields IS NULL`);
  const sending = db.prepare<[number, string]>(
    'UPDATE workflow_action_executions SET completion_sent_at = ? WHERE callback_id = ?',
  );
  const completed = db.prepare<[number, string | null, string]>(`UPDATE workflow_action_executions
      SET state = 'completed', completed_at = ?, completion_note = ? WHERE callback_id = ? AND state = 'blocked'`);
  const forgetPortal = db.prepare<[number]>('DELETE FROM workflow_action_executions WHERE portal_id = ?');
  const scrub = db.prepare<[number, number]>(`UPDATE workflow_action_executions SET request = '{}'
      WHERE portal_id = ? AND object_type = 'contact' AND object_id = ? AND request <> '{}'`);

  return {
    /** True when this call claimed the callbackId (first delivery); false when it is known already. */
    claim(action: string, e: ActionExecution, now: number): boolean {
      const { callbackId, origin, object } = e;
      const request = JSON.stringify({ origin: e.origin, context: e.context, object, inputFields: e.inputFields });
      const row = {
        callbackId,
        portalId: origin.portalId,
        action,
        objectType: objectTypeOf(e),
        objectId: object.objectId,
      };
      return claim.run({ ...row, request, now }).changes === 1;
    },
    get: (callbackId: string): ExecutionRow | undefined => get.get(callbackId),
    /** Takes over an execution whose executor never answered (crashed); false if someone else did first. */
    reclaim: (callbackId: string, claimedAt: number, now: number): boolean =>
      reclaim.run(now, callbackId, claimedAt).changes === 1,
    /** Forgets a claim whose executor threw, so HubSpot's retry runs it afresh. */
    release: (callbackId: string, claimedAt: number): void => void release.run(callbackId, claimedAt),
    answer: (callbackId: string, claimedAt: number, state: 'answered' | 'blocked', body: unknown, now: number) =>
      answer.run(state, JSON.stringify(body), now, callbackId, claimedAt).changes === 1,
    /** Keeps the first outputs computed: a rerun after a crash completes with the same values. */
    saveOutputs: (callbackId: string, outputs: OutputFields): void =>
      void saveOutputs.run(JSON.stringify(outputs), callbackId),
    markSending: (callbackId: string, now: number): void => void sending.run(now, callbackId),
    markCompleted: (callbackId: string, now: number, note: string | null): void =>
      void completed.run(now, note, callbackId),
    /** Privacy: drops the request (input fields may hold a phone number) of a forgotten contact's executions. */
    scrubContact: (portalId: number, contactId: number): number => scrub.run(portalId, contactId).changes,
    /** Disconnect: the portal's executions go (HubSpot will not call back for an uninstalled app). */
    forgetPortal: (portalId: number): number => forgetPortal.run(portalId).changes,
  };
}

export type ExecutionsRepo = ReturnType<typeof createExecutionsRepo>;
