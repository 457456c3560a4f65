import { ListFormatError } from './list-format.error.js';
import type { ListEntry, ListEntryType, ListName, SanctionsList } from './sanctions-list.model.js';
import { childElement, childElements, lineAt, parseXml, type XmlElement } from './xml-tree.parser.js';

const ROOT = 'CONSOLIDATED_LIST';
const NAME_PART_ELEMENTS = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'] as const;
const ADDRESS_PARTS = ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'] as const;
const DPRK_REFERENCE = /^KP[ie]\./;

interface EntryKind {
  readonly section: string;
  readonly element: string;
  readonly type: ListEntryType;
  readonly prefix: 'INDIVIDUAL' | 'ENTITY';
}

const ENTRY_KINDS: readonly EntryKind[] = [
  { section: 'INDIVIDUALS', element: 'INDIVIDUAL', type: 'individual', prefix: 'INDIVIDUAL' },
  { section: 'ENTITIES', element: 'ENTITY', type: 'entity', prefix: 'ENTITY' },
];

function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function optionalText(parent: XmlElement, name: string): string | undefined {
  const child = childElement(parent, name);
  if (!child) return undefined;
  const value = collapse(child.text);
  return value === '' ? undefined : value;
}

function joinParts(parent: XmlElement, names: readonly string[]): string | undefined {
  const parts = names.map((name) => optionalText(parent, name)).filter((part): part is string => part !== undefined);
  const note = optionalText(parent, 'NOTE');
  const joined = parts.join(', ');
  if (note === undefined) return joined === '' ? undefined : joined;
  return joined === '' ? note : `${joined} (${note})`;
}

function formatDateOfBirth(element: XmlElement): string | undefined {
  const type = optionalText(element, 'TYPE_OF_DATE');
  const date = optionalText(element, 'DATE');
  const year = optionalText(element, 'YEAR');
  const from = optionalText(element, 'FROM_YEAR');
  const to = optionalText(element, 'TO_YEAR');
  const note = optionalText(element, 'NOTE');
  let value = date ?? year;
  if (value === undefined && from !== undefined && to !== undefined) value = `${from}-${to}`;
  if (value !== undefined && type === 'APPROXIMATELY') value = `approx. ${value}`;
  if (value === undefined) return note;
  return note === undefined ? value : `${value} (${note})`;
}

function present(values: (string | undefined)[]): string[] {
  return values.filter((value): value is string => value !== undefined);
}

function requiredText(xml: string, entry: XmlElement, name: string): string {
  const value = optionalText(entry, name);
  if (value === undefined) {
    throw new ListFormatError(`<${entry.name}> has no ${name}`, lineAt(xml, entry.offset));
  }
  return value;
}

function readNames(entry: XmlElement, prefix: EntryKind['prefix'], nameParts: string[]): ListName[] {
  const names: ListName[] = [{ value: nameParts.join(' '), kind: 'primary' }];
  for (const alias of childElements(entry, `${prefix}_ALIAS`)) {
    const value = optionalText(alias, 'ALIAS_NAME');
    if (value === undefined) continue;
    const quality = optionalText(alias, 'QUALITY');
    names.push(quality === undefined ? { value, kind: 'alias' } : { value, kind: 'alias', quality });
  }
  const original = optionalText(entry, 'NAME_ORIGINAL_SCRIPT');
  if (original !== undefined) names.push({ value: original, kind: 'original-script' });
  return names;
}

function readEntry(xml: string, entry: XmlElement, kind: EntryKind): ListEntry {
  const nameParts = present(NAME_PART_ELEMENTS.map((name) => optionalText(entry, name)));
  if (nameParts.length === 0) {
    throw new ListFormatError(`<${entry.name}> has no name`, lineAt(xml, entry.offset));
  }
  const result: ListEntry = {
    referenceNumber: requiredText(xml, entry, 'REFERENCE_NUMBER'),
    dataId: requiredText(xml, entry, 'DATAID'),
    type: kind.type,
    regime: requiredText(xml, entry, 'UN_LIST_TYPE'),
    names: readNames(entry, kind.prefix, nameParts),
    nameParts,
    datesOfBirth: present(childElements(entry, 'INDIVIDUAL_DATE_OF_BIRTH').map(formatDateOfBirth)),
    placesOfBirth: present(
      childElements(entry, 'INDIVIDUAL_PLACE_OF_BIRTH').map((place) => joinParts(place, ADDRESS_PARTS)),
    ),
    addresses: present(childElements(entry, `${kind.prefix}_ADDRESS`).map((address) => joinParts(address, ADDRESS_PARTS))),
    nationalities: present(
      childElements(entry, 'NATIONALITY').flatMap((nationality) =>
        childElements(nationality, 'VALUE').map((value) => collapse(value.text) || undefined),
      ),
    ),
  };
  const originalScriptName = optionalText(entry, 'NAME_ORIGINAL_SCRIPT');
  if (originalScriptName !== undefined) result.originalScriptName = originalScriptName;
  const listedOn = optionalText(entry, 'LISTED_ON');
  if (listedOn !== undefined) result.listedOn = listedOn;
  const comments = childElement(entry, 'COMMENTS1')?.text.trim();
  if (comments) result.comments = comments;
  return result;
}

function readEntries(xml: string, root: XmlElement): ListEntry[] {
  const entries: ListEntry[] = [];
  let sections = 0;
  for (const kind of ENTRY_KINDS) {
    for (const section of childElements(root, kind.section)) {
      sections += 1;
      for (const child of section.children) {
        if (child.name !== kind.element) {
          throw new ListFormatError(
            `Unexpected <${child.name}> inside <${kind.section}>, expected <${kind.element}>`,
            lineAt(xml, child.offset),
          );
        }
        entries.push(readEntry(xml, child, kind));
      }
    }
  }
  if (sections === 0) throw new ListFormatError(`<${ROOT}> has neither <INDIVIDUALS> nor <ENTITIES>`);
  if (entries.length === 0) throw new ListFormatError('The list contains no entries');
  return entries;
}

/** Parses the UN Security Council consolidated list (official XML format) into a SanctionsList of every regime. */
export function parseConsolidatedList(xml: string): SanctionsList {
  const root = parseXml(xml);
  if (root.name !== ROOT) {
    throw new ListFormatError(`Root element is <${root.name}>, expected <${ROOT}>`, lineAt(xml, root.offset));
  }
  const version = root.attributes['dateGenerated']?.trim();
  if (!version) throw new ListFormatError(`<${ROOT}> has no dateGenerated attribute`, lineAt(xml, root.offset));
  const generated = new Date(version);
  if (Number.isNaN(generated.getTime())) {
    throw new ListFormatError(`dateGenerated "${version}" is not a date`, lineAt(xml, root.offset));
  }
  return { version, generatedAt: generated.toISOString(), entries: readEntries(xml, root) };
}

/** True for reference numbers of the 1718 (DPRK) regime: KPi.* individuals and KPe.* entities. */
export function isDprkReference(referenceNumber: string): boolean {
  return DPRK_REFERENCE.test(referenceNumber.trim());
}
