// The content library as forms and lists show it: the choices Rust accepts, an item <-> the
// edit form, and searching and grouping the items.
import type { LibraryItem } from './api/bindings/LibraryItem';
import type { LibraryItemInput } from './api/bindings/LibraryItemInput';
import { blankToNull } from './forms';
import type { Choice } from './intake';

/** The library's sections, in the order Rust lists them. */
export const LIBRARY_SECTIONS: readonly Choice[] = [
  { value: 'education', label: 'Education' },
  { value: 'communication', label: 'Communication' },
  { value: 'acceptance', label: 'Acceptance steps' },
  { value: 'practical', label: 'Practical guidance' },
  { value: 'homework', label: 'Homework' },
];

export const STAGE_CHOICES: readonly Choice[] = [
  { value: 'non_sexual', label: 'Non-sexual' },
  { value: 'sensual', label: 'Sensual' },
  { value: 'sexual', label: 'Sexual' },
];

export const PARTICIPANT_CHOICES: readonly Choice[] = [
  { value: 'client', label: 'The client' },
  { value: 'partners', label: 'Partners together' },
  { value: 'either', label: 'The client or partners together' },
];

/** The caution tags (migrations/0003_library.sql): what an item involves. */
export const CAUTION_TAGS: readonly { code: string; label: string }[] = [
  { code: 'contains_estrogen', label: 'Contains estrogen' },
  { code: 'needs_clearance', label: 'Needs medical clearance for sexual activity' },
  { code: 'practical_exercise', label: 'A practical exercise (waits if a doctor must see the client first)' },
  { code: 'contains_latex', label: 'Involves latex' },
  { code: 'as_prescribed', label: 'Only as prescribed by the treating team' },
];

export const labelOf = (choices: readonly Choice[], value: string | null | undefined): string =>
  value ? choices.find((c) => c.value === value)?.label ?? value.replace(/_/g, ' ') : '';

export const tagLabel = (code: string): string => CAUTION_TAGS.find((t) => t.code === code)?.label ?? code.replace(/_/g, ' ');

export interface LibraryForm {
  title: string;
  purpose: string;
  /** One step per line. */
  steps: string;
  frequency: string;
  stage: string;
  participants: string;
  tracking: string;
  handoutText: string;
  tags: Record<string, boolean>;
}

/** The fields the edit form has inputs for (Rust's names). */
export const LIBRARY_FIELDS: readonly string[] = [
  'title', 'purpose', 'steps', 'frequency', 'stage', 'participants', 'tracking', 'handoutText', 'tags', 'section',
];

export function libraryForm(item: LibraryItem | null): LibraryForm {
  const tags = Object.fromEntries(CAUTION_TAGS.map((t) => [t.code, item?.tags.includes(t.code) ?? false]));
  // A tag Rust knows that this list does not still round-trips.
  for (const t of item?.tags ?? []) tags[t] = true;
  return {
    title: item?.title ?? '',
    purpose: item?.purpose ?? '',
    steps: item?.steps.join('\n') ?? '',
    frequency: item?.frequency ?? '',
    stage: item?.stage ?? 'non_sexual',
    participants: item?.participants ?? 'client',
    tracking: item?.tracking ?? '',
    handoutText: item?.handoutText ?? '',
    tags,
  };
}

export function libraryInput(f: LibraryForm): LibraryItemInput {
  return {
    title: f.title,
    purpose: f.purpose,
    steps: f.steps.split('\n').map((s) => s.trim()).filter((s) => s !== ''),
    frequency: blankToNull(f.frequency),
    stage: f.stage,
    participants: f.participants,
    tracking: blankToNull(f.tracking),
    handoutText: f.handoutText,
    tags: Object.entries(f.tags).filter(([, on]) => on).map(([code]) => code),
  };
}

/** Whether every word of `query` appears in the item's title, purpose, slug or section. */
export function matchesQuery(item: Pick<LibraryItem, 'title' | 'purpose' | 'slug' | 'section'>, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `${item.title} ${item.purpose} ${item.slug.replace(/_/g, ' ')} ${item.section}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Items under headings, in the order of `sections`; `sectionOf` says which heading an item goes under. Empty groups are left out. */
export function groupItems<T extends { section: string }>(
  items: readonly T[],
  sections: readonly Choice[],
  sectionOf: (section: string) => string = (s) => s,
): { section: string; label: string; items: T[] }[] {
  const out = sections.map((s) => ({ section: s.value, label: s.label, items: [] as T[] }));
  for (const item of items) {
    const key = sectionOf(item.section);
    let g = out.find((o) => o.section === key);
    if (!g) {
      g = { section: key, label: key, items: [] };
      out.push(g);
    }
    g.items.push(item);
  }
  return out.filter((g) => g.items.length > 0);
}
