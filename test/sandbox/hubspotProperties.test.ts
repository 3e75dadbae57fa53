import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Client } from '@hubspot/api-client';
import type { PropertyCreate } from '@hubspot/api-client/lib/codegen/crm/properties/index.js';
import { apiError, type PlatformWorld, startPlatformWorld } from './support/platformWorld.ts';

let w: PlatformWorld;
let sdk: Client;
let token: string;

beforeEach(async () => {
  w = await startPlatformWorld();
  token = w.privateToken(w.portal().id);
  sdk = w.sdk(token);
});
afterEach(() => w.close());

/** A valid PropertyCreate with overrides (the SDK's enums are plain strings on the wire). */
function prop(overrides: Record<string, unknown> = {}): PropertyCreate {
  return {
    name: 'favorite_food',
    label: 'Favorite Food',
    groupName: 'contactinformation',
    type: 'string',
    fieldType: 'text',
    ...overrides,
  } as unknown as PropertyCreate;
}

describe('standard schema', () => {
  it('when a new portal lists contact properties, HubSpot’s defaults are there with their types and options', async () => {
    const { results } = await sdk.crm.properties.coreApi.getAll('contacts');
    const byName = new Map(results.map((p) => [p.name, p]));
    for (const name of ['email', 'firstname', 'lastname', 'phone', 'mobilephone', 'company', 'jobtitle']) {
      expect(byName.get(name)?.type).toBe('string');
    }
    const lifecycle = byName.get('lifecyclestage')!;
    expect(lifecycle.type).toBe('enumeration');
    expect(lifecycle.options.map((o) => o.value)).toContain('customer');
    expect(byName.get('hs_object_id')?.modificationMetadata?.readOnlyValue).toBe(true);
  });

  it('when deal properties are read, dealstage offers the default pipeline stages and amount is a number', async () => {
    const stage = await sdk.crm.properties.coreApi.getByName('deals', 'dealstage');
    expect(stage.options.map((o) => o.value)).toEqual([
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ]);
    expect((await sdk.crm.properties.coreApi.getByName('deals', 'amount')).type).toBe('number');
    expect((await sdk.crm.properties.coreApi.getByName('deals', 'closedate')).type).toBe('datetime');
  });

  it.each([
    ['tasks', 'hs_task_status', ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED']],
    ['tasks', 'hs_task_priority', ['LOW', 'MEDIUM', 'HIGH']],
    ['meetings', 'hs_meeting_outcome', ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED']],
  ])('when %s.%s is read, its options are the documented values', async (type, name, values) => {
    const p = await w
      .sdk(w.privateToken(w.portal().id, ['crm.objects.contacts.read']))
      .crm.properties.coreApi.getByName(type, name);
    expect(p.options.map((o) => o.value)).toEqual(values);
  });

  it('when the object type is given as 0-1 or as the singular, it is the same schema as contacts', async () => {
    const viaId = await w.call('GET', '/crm/v3/properties/0-1/email', { token });
    const viaSingular = await w.call('GET', '/crm/v3/properties/contact/email', { token });
    expect(viaId.status).toBe(200);
    expect(viaSingular.body.name).toBe('email');
    expect((await w.call('GET', '/crm/v3/properties/widgets', { token })).status).toBe(400);
  });
});

describe('creating properties', () => {
  it('when a valid property is created, the SDK gets a typed 201 result and can read it back', async () => {
    const created = await sdk.crm.properties.coreApi.create('contacts', prop());
    expect(created.name).toBe('favorite_food');
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await sdk.crm.properties.coreApi.getByName('contacts', 'favorite_food')).label).toBe('Favorite Food');
  });

  it('when the same name is created twice, the second answers 409 OBJECT_ALREADY_EXISTS', async () => {
    await sdk.crm.properties.coreApi.create('contacts', prop());
    const err = await apiError(sdk.crm.properties.coreApi.create('contacts', prop()));
    expect(err.code).toBe(409);
    expect(err.body.category).toBe('OBJECT_ALREADY_EXISTS');
  });

  it.each([
    ['number', 'text', 'fieldType'],
    ['enumeration', 'text', 'fieldType'],
    ['bool', 'select', 'fieldType'],
    ['date', 'number', 'fieldType'],
    ['text', 'text', 'type'],
  ])('when type %s is paired with fieldType %s, the 400 names %s', async (type, fieldType, field) => {
    const err = await apiError(sdk.crm.properties.coreApi.create('contacts', prop({ type, fieldType })));
    expect(err.code).toBe(400);
    expect(err.body.category).toBe('VALIDATION_ERROR');
    expect(err.body.errors[0].context.propertyName).toEqual([field]);
  });

  it('when required fields are missing, the 400 names each of them', async () => {
    const err = await apiError(
      sdk.crm.properties.coreApi.create('contacts', prop({ label: undefined, groupName: '' })),
    );
    expect(err.code).toBe(400);
    expect(err.body.message).toContain('label');
    expect(err.body.message).toContain('groupName');
  });

  it('when the group does not exist or an option lacks hidden, the property is refused', async () => {
    const noGroup = await apiError(sdk.crm.properties.coreApi.create('contacts', prop({ groupName: 'nope' })));
    expect(noGroup.body.errors[0].context.propertyName).toEqual(['groupName']);
    const badOption = prop({ type: 'enumeration', fieldType: 'select', options: [{ label: 'A', value: 'a' }] });
    expect((await apiError(sdk.crm.properties.coreApi.create('contacts', badOption))).code).toBe(400);
  });

  it('when a batch mixes new and duplicate names, the answer is 207 with the duplicate in errors', async () => {
    await sdk.crm.properties.coreApi.create('contacts', prop());
    const res = await sdk.crm.properties.batchApi.create('contacts', {
      inputs: [
        prop(),
        prop({
          name: 'acme_tier',
          type: 'enumeration',
          fieldType: 'select',
          options: [{ label: 'Gold', value: 'gold', hidden: false }],
        }),
      ],
    });
    expect(res.results.map((p) => p.name)).toEqual(['acme_tier']);
    expect((res as unknown as { errors: { category: string }[] }).errors[0]?.category).toBe('OBJECT_ALREADY_EXISTS');
    const raw = await w.call('POST', '/crm/v3/properties/contacts/batch/create', {
      token,
      body: { inputs: [prop({ name: 'other_one' })] },
    });
    expect(raw.status).toBe(201);
  });

  it('when a batch read names a missing property, it answers 207 with the found ones', async () => {
    const res = await w.call('POST', '/crm/v3/properties/contacts/batch/read', {
      token,
      body: { inputs: [{ name: 'email' }, { name: 'missing_one' }], archived: false, dataSensitivity: 'non_sensitive' },
    });
    expect(res.status).toBe(207);
    expect(res.body.results.map((p: { name: string }) => p.name)).toEqual(['email']);
    const ok = await sdk.crm.properties.batchApi.read('contacts', {
      inputs: [{ name: 'email' }],
      archived: false,
    } as never);
    expect(ok.results[0]?.name).toBe('email');
  });
});

describe('changing and deleting properties', () => {
  it('when a custom property is patched then deleted, reads follow and a HubSpot-defined one cannot be deleted', async () => {
    await sdk.crm.properties.coreApi.create('contacts', prop());
    const patched = await sdk.crm.properties.coreApi.update('contacts', 'favorite_food', { label: 'Food' });
    expect(patched.label).toBe('Food');
    await sdk.crm.properties.coreApi.archive('contacts', 'favorite_food');
    expect((await apiError(sdk.crm.properties.coreApi.getByName('contacts', 'favorite_food'))).code).toBe(404);
    expect((await apiError(sdk.crm.properties.coreApi.archive('contacts', 'email'))).code).toBe(400);
  });

  it('when a patch pairs an invalid fieldType, it is refused and the property is unchanged', async () => {
    await sdk.crm.properties.coreApi.create('contacts', prop());
    const err = await apiError(
      sdk.crm.properties.coreApi.update('contacts', 'favorite_food', { fieldType: 'select' } as never),
    );
    expect(err.code).toBe(400);
    expect((await sdk.crm.properties.coreApi.getByName('contacts', 'favorite_food')).fieldType).toBe('text');
  });
});

describe('property groups', () => {
  it('when a group is created, listed, patched and deleted, each step answers like HubSpot', async () => {
    const groups = sdk.crm.properties.groupsApi;
    const created = await groups.create('contacts', { name: 'acme_sync', label: 'Acme sync', displayOrder: -1 });
    expect(created).toMatchObject({ name: 'acme_sync', archived: false });
    expect((await groups.getAll('contacts')).results.map((g) => g.name)).toContain('acme_sync');
    expect((await groups.update('contacts', 'acme_sync', { label: 'Acme' })).label).toBe('Acme');
    expect((await apiError(groups.create('contacts', { name: 'acme_sync', label: 'again' }))).code).toBe(409);
    await groups.archive('contacts', 'acme_sync');
    expect((await apiError(groups.getByName('contacts', 'acme_sync'))).code).toBe(404);
  });

  it('when a group still holds properties, it cannot be deleted', async () => {
    const groups = sdk.crm.properties.groupsApi;
    await groups.create('contacts', { name: 'acme_sync', label: 'Acme sync' });
    await sdk.crm.properties.coreApi.create('contacts', prop({ groupName: 'acme_sync' }));
    expect((await apiError(groups.archive('contacts', 'acme_sync'))).code).toBe(400);
  });
});

describe('scopes', () => {
  it('when a token can only read schemas, creating a property answers 403 MISSING_SCOPES', async () => {
    const reader = w.sdk(w.privateToken(w.portal().id, ['crm.schemas.contacts.read']));
    expect((await reader.crm.properties.coreApi.getAll('contacts')).results.length).toBeGreaterThan(5);
    const err = await apiError(reader.crm.properties.coreApi.create('contacts', prop()));
    expect(err.code).toBe(403);
    expect(err.body.category).toBe('MISSING_SCOPES');
  });

  it('when a token has no scope for deals, reading deal properties answers 403', async () => {
    const contactsOnly = w.sdk(w.privateToken(w.portal().id, ['crm.schemas.contacts.read']));
    expect((await apiError(contactsOnly.crm.properties.coreApi.getAll('deals'))).code).toBe(403);
  });
});
