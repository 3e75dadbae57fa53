import {
  checkOptions,
  checkPropertyCreate,
  checkTypePair,
  definitionFrom,
  type FieldProblem,
} from './propertySchema.ts';
import type { Portal, PropertyDefinition, SandboxState } from './state.ts';

/** Writes to a portal's property definitions, after the checks of propertySchema.ts (used by the properties routes). */

/** The definitions of one object type, created on first use. */
export function propsOf(portal: Portal, type: string): Map<string, PropertyDefinition> {
  let props = portal.properties.get(type);
  if (!props) {
    props = new Map();
    portal.properties.set(type, props);
  }
  return props;
}

export type CreateOutcome = { prop: PropertyDefinition } | { problems: FieldProblem[] } | { duplicate: string };

/** Validates and stores one PropertyCreate; a taken name is reported, not overwritten. */
export function createOne(
  state: SandboxState,
  portal: Portal,
  type: string,
  input: Record<string, unknown>,
): CreateOutcome {
  const problems = checkPropertyCreate(portal, type, input);
  if (problems.length > 0) return { problems };
  const props = propsOf(portal, type);
  const name = String(input.name);
  if (props.has(name)) return { duplicate: name };
  const prop = definitionFrom(input, new Date(state.now()).toISOString());
  props.set(name, prop);
  return { prop };
}

/** Everything wrong with a PropertyUpdate (HubSpot-defined types cannot change). */
export function checkUpdate(
  portal: Portal,
  type: string,
  prop: PropertyDefinition,
  input: Record<string, unknown>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (input.type !== undefined || input.fieldType !== undefined) {
    if (prop.hubspotDefined && (input.type ?? prop.type) !== prop.type) {
      problems.push({
        field: 'type',
        code: 'READ_ONLY_DEFINITION',
        message: 'the type of a HubSpot-defined property cannot change',
      });
    }
    problems.push(...checkTypePair(input.type ?? prop.type, input.fieldType ?? prop.fieldType));
  }
  if (input.groupName !== undefined && !portal.propertyGroups.get(type)?.has(String(input.groupName))) {
    problems.push({
      field: 'groupName',
      code: 'GROUP_NOT_FOUND',
      message: `property group '${String(input.groupName)}' does not exist`,
    });
  }
  problems.push(...checkOptions(input.options));
  return problems;
}

/** Applies a validated PropertyUpdate in place; options are replaced only when given. */
export function applyUpdate(prop: PropertyDefinition, input: Record<string, unknown>, at: string): void {
  const updated = definitionFrom({ ...prop, ...input, name: prop.name }, prop.createdAt);
  Object.assign(prop, {
    label: updated.label,
    groupName: updated.groupName,
    type: updated.type,
    fieldType: updated.fieldType,
    description: updated.description,
    options: input.options !== undefined ? updated.options : prop.options,
    displayOrder: updated.displayOrder,
    hidden: updated.hidden,
    formField: updated.formField,
    updatedAt: at,
  });
}
