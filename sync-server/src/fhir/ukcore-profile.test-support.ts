import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { expect } from 'vitest';
import {
  baseDefinition,
  ukCoreDefinition,
  valueSetHas,
  type ElementDefinition,
} from './ukcore-definitions.test-support.ts';

// A profile check for the resources the FHIR API serves, in the spirit of the FHIR validator but
// only for what the claimed UK Core profiles and the R4 base they build on say: cardinality,
// fixed and pattern values, required bindings to the vendored value sets, slices on identifier
// (by system) and extension (by url), extension profiles, reference targets, choice types and
// every FHIRPath invariant of severity error, through datatypes (Identifier, Reference, ...).

type Json = Record<string, unknown>;
interface Item {
  node: unknown;
  key: string;
}
interface Layer {
  elements: ElementDefinition[];
  label: string;
  /** A required binding or extension profile that cannot be checked is a problem (UK Core). */
  strict: boolean;
}
interface Check {
  resource: Json;
  where: string;
  problems: string[];
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;
const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);
/** The resource type a target profile stands for: `…/UKCore-Patient` and `…/Patient` are Patient. */
const targetType = (url: string) => url.slice(url.lastIndexOf('/') + 1).replace(/^UKCore-/, '');

function children(node: unknown, name: string): Item[] {
  if (!isObject(node)) return [];
  if (!name.endsWith('[x]')) return asArray(node[name]).map((v) => ({ node: v, key: name }));
  const stem = name.slice(0, -3);
  return Object.keys(node)
    .filter((k) => k.startsWith(stem) && /^[A-Z]/.test(k.slice(stem.length)))
    .flatMap((k) => asArray(node[k]).map((v) => ({ node: v, key: k })));
}

const fixedOf = (e: ElementDefinition | undefined) =>
  Object.entries(e ?? {}).find(([k]) => k.startsWith('fixed') || k.startsWith('pattern'));

/** `pattern` is a partial match (arrays: each pattern item matched by some item); `fixed` exact. */
function matches(value: unknown, expected: unknown, exact: boolean): boolean {
  if (exact) return JSON.stringify(value) === JSON.stringify(expected);
  if (Array.isArray(expected))
    return expected.every((p) => asArray(value).some((v) => matches(v, p, false)));
  if (isObject(expected))
    return (
      isObject(value) && Object.entries(expected).every(([k, p]) => matches(value[k], p, false))
    );
  return value === expected;
}

/** Whether an item belongs to a slice: extensions by url, others by the slicing's discriminators. */
function inSlice(elements: ElementDefinition[], slice: ElementDefinition, item: unknown): boolean {
  if (!isObject(item)) return false;
  if (/(^|\.)(modifierE|e)xtension$/.test(slice.path))
    return item['url'] === (slice.type?.[0]?.profile?.[0] ?? slice.sliceName);
  const slicedId = slice.id.slice(0, slice.id.lastIndexOf(':'));
  const discriminators = elements.find((e) => e.id === slicedId)?.slicing?.discriminator ?? [];
  return (
    discriminators.length > 0 &&
    discriminators.every(({ path }) => {
      const fixed = fixedOf(elements.find((e) => e.id === `${slice.id}.${path}`));
      return fixed !== undefined && matches(item[path], fixed[1], false);
    })
  );
}

function step(elements: ElementDefinition[], node: unknown, parentId: string, segment: string) {
  const [name, sliceName] = segment.split(':') as [string, string?];
  const items = children(node, name);
  if (!sliceName) return items;
  const slice = elements.find((e) => e.id === `${parentId}.${segment}`);
  return slice ? items.filter((i) => inSlice(elements, slice, i.node)) : [];
}

/** The items an element id (with slice names) picks out of the data under `root`. */
function walk(elements: ElementDefinition[], root: unknown, id: string): Item[] {
  const segments = id.split('.');
  let items: Item[] = [{ node: root, key: segments[0]! }];
  for (let i = 1; i < segments.length; i++) {
    const parentId = segments.slice(0, i).join('.');
    items = items.flatMap((it) => step(elements, it.node, parentId, segments[i]!));
  }
  return items;
}

const compiled = new Map<string, (node: unknown, env: object) => unknown[]>();
function holds(path: string, expression: string, node: unknown, resource: Json): boolean {
  const key = `${path}\n${expression}`;
  let fn = compiled.get(key);
  if (!fn) {
    fn = fhirpath.compile({ base: path, expression }, r4, { traceFn: () => {} }) as never;
    compiled.set(key, fn);
  }
  const result = fn(node, { resource, rootResource: resource });
  // Only false breaks an invariant: R4's ref-1 is empty for a display-only reference (R5 guards
  // it with reference.exists()), and empty is not a failure.
  return !(result.length === 1 && result[0] === false);
}

function checkCardinality(layer: Layer, e: ElementDefinition, root: unknown, c: Check) {
  const cut = e.id.lastIndexOf('.');
  const parentId = e.id.slice(0, cut);
  const max = e.max === undefined || e.max === '*' ? Infinity : Number(e.max);
  for (const parent of walk(layer.elements, root, parentId)) {
    const n = step(layer.elements, parent.node, parentId, e.id.slice(cut + 1)).length;
    const where = `${c.where} ${layer.label} ${e.id}: ${n} found`;
    if (n < (e.min ?? 0)) c.problems.push(`${where}, at least ${e.min} allowed`);
    if (n > max) c.problems.push(`${where}, at most ${e.max} allowed`);
  }
}

function checkBinding(layer: Layer, e: ElementDefinition, node: unknown, c: Check) {
  const vs = e.binding?.strength === 'required' ? e.binding.valueSet : undefined;
  if (!vs) return;
  const codings = isObject(node) ? (node['coding'] ? asArray(node['coding']) : [node]) : [];
  const found = codings.map((coding) => valueSetHas(vs, coding as Json));
  if (found.includes(true)) return;
  if (found.includes(undefined) || codings.length === 0) {
    if (layer.strict) c.problems.push(`${c.where} ${e.id}: cannot check binding to ${vs}`);
  } else c.problems.push(`${c.where} ${e.id}: ${JSON.stringify(node)} is not in ${vs}`);
}

function checkItem(layer: Layer, e: ElementDefinition, item: Item, c: Check) {
  const fixed = fixedOf(e);
  if (fixed && !matches(item.node, fixed[1], fixed[0].startsWith('fixed')))
    c.problems.push(
      `${c.where} ${e.id}: ${JSON.stringify(item.node)} is not ${fixed[0]} ${JSON.stringify(fixed[1])}`,
    );
  checkBinding(layer, e, item.node, c);
  const types = e.type?.map((t) => t.code) ?? [];
  const type = e.path.endsWith('[x]')
    ? item.key.slice(lastSegment(e.path).length - 3)
    : types.length === 1
      ? types[0]!
      : undefined;
  if (e.path.endsWith('[x]') && types.length && !types.includes(type!))
    c.problems.push(`${c.where} ${e.id}: ${item.key} is not one of ${types.join(', ')}`);
  const targets = e.type?.flatMap((t) => t.targetProfile ?? []) ?? [];
  const ref = isObject(item.node) ? /^([A-Za-z]+)\//.exec(String(item.node['reference'])) : null;
  if (
    ref &&
    targets.length &&
    !targets.map(targetType).some((t) => t === ref[1] || t === 'Resource')
  )
    c.problems.push(`${c.where} ${e.id}: a ${ref[1]} is not an allowed target`);
  for (const inv of e.constraint ?? []) {
    // fhirpath 5.2 cannot start from a bare number; ele-1 (has a value) holds for any JSON number.
    if (typeof item.node === 'number' && inv.key === 'ele-1') continue;
    if (
      inv.severity === 'error' &&
      inv.expression &&
      !holds(e.path, inv.expression, item.node, c.resource)
    )
      c.problems.push(`${c.where} ${e.id}: ${inv.key} ${inv.human}`);
  }
  const profile = e.type?.[0]?.code === 'Extension' ? e.type[0].profile?.[0] : undefined;
  if (profile && layer.strict) {
    const definition = ukCoreDefinition(profile);
    if (!definition) c.problems.push(`${c.where} ${e.id}: cannot check extension ${profile}`);
    else
      checkLayer(
        { elements: definition.differential!.element, label: definition.url, strict: true },
        item.node,
        c,
      );
  }
  const datatype = type ? baseDefinition(type) : undefined;
  if (!layer.strict && datatype && type !== 'BackboneElement' && type !== 'Element')
    checkLayer(
      { elements: datatype.snapshot!.element, label: `(${type})`, strict: false },
      item.node,
      c,
    );
}

function checkLayer(layer: Layer, root: unknown, c: Check) {
  for (const e of layer.elements) {
    if (e.id.includes('.')) checkCardinality(layer, e, root, c);
    for (const item of walk(layer.elements, root, e.id)) checkItem(layer, e, item, c);
  }
}

/**
 * What keeps `resource` from meeting the R4 base definition of its type and each UK Core
 * profile it claims in meta.profile; empty when it meets them. A claimed profile that is not
 * vendored is a problem, as is an extension profile or required binding it cannot check.
 */
export function profileProblems(resource: Json): string[] {
  const type = String(resource['resourceType']);
  const c: Check = { resource, where: `${type}/${String(resource['id'])}`, problems: [] };
  const definition = baseDefinition(type);
  if (!definition) return [`${c.where}: no R4 definition of ${type}`];
  checkLayer({ elements: definition.snapshot!.element, label: 'R4', strict: false }, resource, c);
  const claimed = asArray((resource['meta'] as Json | undefined)?.['profile']).map(String);
  for (const url of claimed) {
    const profile = ukCoreDefinition(url);
    if (!profile || profile.type !== type)
      c.problems.push(`${c.where}: claims ${url}, not known here`);
    else
      checkLayer(
        {
          elements: profile.differential!.element,
          label: profile.url.replace(/.*\//, ''),
          strict: true,
        },
        resource,
        c,
      );
  }
  return [...new Set(c.problems)];
}

/** Fails the test unless the resource meets its base definition and every profile it claims. */
export function expectMeetsProfiles(resource: unknown): void {
  expect(profileProblems(resource as Json)).toEqual([]);
}
