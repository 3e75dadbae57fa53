/**
 * Internal consistency of a workflow action: the labels HubSpot shows in the workflow editor refer to fields
 * that exist (reference §5.1: labels.<locale>.inputFieldLabels/inputFieldDescriptions/outputFieldLabels are
 * keyed by field name; actionCardContent uses {{inputName}} tokens). A typo there silently shows a raw name.
 */
import { type ComponentOf, type ParsedComponent, ofType } from '../schemas/index.ts';
import { type Problem, problem } from '../types.ts';

type Action = ComponentOf<'workflow-action'>;

function duplicateNames(action: Action, list: 'inputFields' | 'outputFields'): Problem[] {
  const seen = new Set<string>();
  return (action.config[list] ?? []).flatMap((f, index) => {
    const { name } = f.typeDefinition;
    const dup = seen.has(name);
    seen.add(name);
    return dup ? [problem(action.file, `config.${list}[${index}].typeDefinition.name`, `"${name}" is used twice`)] : [];
  });
}

function labelProblems(action: Action): Problem[] {
  const inputs = new Set((action.config.inputFields ?? []).map((f) => f.typeDefinition.name));
  const outputs = new Set((action.config.outputFields ?? []).map((f) => f.typeDefinition.name));
  return Object.entries(action.config.labels).flatMap(([locale, labels]) => {
    const at = `config.labels.${locale}`;
    const unknownKeys = (map: Record<string, string> | undefined, known: Set<string>, key: string) =>
      Object.keys(map ?? {})
        .filter((name) => !known.has(name))
        .map((name) => problem(action.file, `${at}.${key}.${name}`, `there is no field named "${name}"`));
    const tokens = [...(labels.actionCardContent ?? '').matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '');
    return [
      ...unknownKeys(labels.inputFieldLabels, inputs, 'inputFieldLabels'),
      ...unknownKeys(labels.inputFieldDescriptions, inputs, 'inputFieldDescriptions'),
      ...unknownKeys(labels.outputFieldLabels, outputs, 'outputFieldLabels'),
      ...tokens
        .filter((token) => !inputs.has(token))
        .map((token) => problem(action.file, `${at}.actionCardContent`, `{{${token}}} is not an input field`)),
    ];
  });
}

/** [M] HubSpot may fall back to the field name; we want every input labelled in English. */
function missingEnglishLabels(action: Action): Problem[] {
  const labelled = action.config.labels.en.inputFieldLabels ?? {};
  return (action.config.inputFields ?? [])
    .filter((f) => !Object.hasOwn(labelled, f.typeDefinition.name))
    .map((f) =>
      problem(
        action.file,
        `config.labels.en.inputFieldLabels.${f.typeDefinition.name}`,
        'is required: every input needs a label',
      ),
    );
}

export function checkWorkflowActions(components: readonly ParsedComponent[]): Problem[] {
  return ofType(components, 'workflow-action').flatMap((action) => [
    ...duplicateNames(action, 'inputFields'),
    ...duplicateNames(action, 'outputFields'),
    ...labelProblems(action),
    ...missingEnglishLabels(action),
  ]);
}
