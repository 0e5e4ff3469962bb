// The intake form: form state (strings, as inputs hold them) <-> the sections Rust saves, the
// field names Rust reports errors under, and the compact summary at the top of the chart.
import type { ChecklistItem } from './api/bindings/ChecklistItem';
import type { Feelings } from './api/bindings/Feelings';
import type { Goals } from './api/bindings/Goals';
import type { Health } from './api/bindings/Health';
import type { Intake } from './api/bindings/Intake';
import type { IntakeSection } from './api/bindings/IntakeSection';
import type { Medical } from './api/bindings/Medical';
import type { Pain } from './api/bindings/Pain';
import type { PartnerPerspective } from './api/bindings/PartnerPerspective';
import type { SideEffect } from './api/bindings/SideEffect';
import { blankToNull, orEmpty } from './forms';
import { formatDate } from './names';

export type SectionKey = IntakeSection['section'];

export const SECTION_KEYS: readonly SectionKey[] = [
  'medical', 'sideEffects', 'feelings', 'pain', 'health', 'relationship', 'goals',
];

/** Tab test ids use these slugs. */
export const SECTION_SLUGS: Record<SectionKey, string> = {
  medical: 'medical',
  sideEffects: 'side-effects',
  feelings: 'feelings',
  pain: 'pain',
  health: 'health',
  relationship: 'relationship',
  goals: 'goals',
};

export const SECTION_TITLES: Record<SectionKey, string> = {
  medical: 'Medical',
  sideEffects: 'Side effects',
  feelings: 'Body image and feelings',
  pain: 'Pain during sex',
  health: 'Health',
  relationship: 'Partners',
  goals: 'Goals',
};

export interface Choice {
  value: string;
  label: string;
}

export const HORMONE_RECEPTOR_CHOICES: readonly Choice[] = [
  { value: 'unknown', label: 'Unknown' },
  { value: 'yes', label: 'Yes, hormone-receptor positive' },
  { value: 'no', label: 'No' },
];

export const CLEARANCE_CHOICES: readonly Choice[] = [
  { value: 'not_asked', label: 'Not yet asked' },
  { value: 'no', label: 'Not yet cleared' },
  { value: 'yes', label: 'Cleared' },
];

export const TREATMENT_STATUS_CHOICES: readonly Choice[] = [
  { value: 'planned', label: 'Planned' },
  { value: 'ongoing', label: 'Ongoing' },
  { value: 'finished', label: 'Finished' },
];

export const SEVERITY_CHOICES: readonly Choice[] = [
  { value: 'none', label: 'None' },
  { value: 'mild', label: 'Mild' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'severe', label: 'Severe' },
];

export const PAIN_LOCATION_CHOICES: readonly Choice[] = [
  { value: 'entry', label: 'At entry' },
  { value: 'deep', label: 'Deep' },
  { value: 'both', label: 'Both' },
];

export const LYMPHOEDEMA_CHOICES: readonly Choice[] = [
  { value: 'none', label: 'None' },
  { value: 'left', label: 'Left side' },
  { value: 'right', label: 'Right side' },
  { value: 'both', label: 'Both sides' },
];

export const FERTILITY_CHOICES: readonly Choice[] = [
  { value: 'not_discussed', label: 'Not discussed yet' },
  { value: 'not_relevant', label: 'Not relevant' },
  { value: 'wants_children', label: 'Wants children' },
  { value: 'unsure', label: 'Unsure' },
];

/** Headings for the groups of the `pain_cause` checklist, in the order shown. */
export const PAIN_CAUSE_GROUPS: readonly { group: string; heading: string }[] = [
  { group: 'physical', heading: 'Physical or medical' },
  { group: 'hormonal', heading: 'Hormonal' },
  { group: 'emotional', heading: 'Mental or emotional' },
  { group: 'arousal', heading: 'Arousal' },
  { group: 'chronic', heading: 'Chronic conditions' },
];

export const choiceLabel = (choices: readonly Choice[], value: string | null): string =>
  value ? choices.find((c) => c.value === value)?.label ?? value : '';

// ---------- Checklists ----------

export type Checklists = Record<string, ChecklistItem[]>;

/** Splits the flat list from Rust by list name, keeping Rust's order. */
export function byList(items: readonly ChecklistItem[]): Checklists {
  const out: Checklists = {};
  for (const item of items) (out[item.list] ??= []).push(item);
  return out;
}

export function checklistLabel(lists: Checklists, list: string, code: string | null): string {
  if (!code) return '';
  return lists[list]?.find((i) => i.code === code)?.label ?? code;
}

/** Items under their group headings, in the order given; unknown groups follow, headed by their code. */
export function groupItems(
  items: readonly ChecklistItem[],
  groups: readonly { group: string; heading: string }[],
): { heading: string; items: ChecklistItem[] }[] {
  const out = groups.map((g) => ({ group: g.group, heading: g.heading, items: [] as ChecklistItem[] }));
  for (const item of items) {
    const key = item.group ?? '';
    let g = out.find((o) => o.group === key);
    if (!g) {
      g = { group: key, heading: key || 'Other', items: [] };
      out.push(g);
    }
    g.items.push(item);
  }
  return out.filter((g) => g.items.length > 0).map(({ heading, items: list }) => ({ heading, items: list }));
}

/** Tick boxes for a checklist: every item, ticked when its code was recorded. Recorded codes no longer listed are kept. */
export function ticks(items: readonly ChecklistItem[] | undefined, recorded: readonly string[]): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const item of items ?? []) out[item.code] = recorded.includes(item.code);
  for (const code of recorded) out[code] = true;
  return out;
}

export const tickedCodes = (t: Readonly<Record<string, boolean>>): string[] =>
  Object.entries(t).filter(([, on]) => on).map(([code]) => code);

// ---------- Form state ----------

export interface DiagnosisForm {
  diagnosis: string;
  detail: string;
  stage: string;
  metastatic: boolean;
  diagnosedOn: string;
}

export interface TreatmentForm {
  kind: string;
  agentClass: string;
  pelvic: boolean;
  status: string;
  startedOn: string;
  endedOn: string;
}

export interface MedicalForm {
  diagnoses: DiagnosisForm[];
  treatments: TreatmentForm[];
  hormoneReceptorPositive: string;
  clearance: string;
  clearanceBy: string;
  clearanceOn: string;
  notes: string;
}

export interface SideEffectForm {
  severity: string;
  note: string;
}

export interface FeelingsForm {
  bodyImage: Record<string, boolean>;
  bodyImageNotes: string;
  emotional: Record<string, boolean>;
  emotionalNotes: string;
}

export interface PainForm {
  duringSex: boolean;
  location: string;
  when: string;
  /** As typed: '' for not rated. */
  intensity: string;
  since: string;
  better: string;
  worse: string;
  causes: Record<string, boolean>;
  newOrWorsening: boolean;
  infectionSigns: boolean;
}

export interface HealthForm {
  latexAllergy: boolean;
  otherAllergies: string;
  hasOstomy: boolean;
  lymphoedemaSide: string;
}

export interface PartnerForm {
  personId: number;
  name: string;
  perspective: string;
  attends: boolean;
  consentToContact: boolean;
}

export interface GoalsForm {
  intimacyMeaning: string;
  goals: string;
  fertilityWish: string;
  fertilityNotes: string;
  disclosureConcern: boolean;
  datingNotes: string;
}

export interface IntakeForm {
  medical: MedicalForm;
  /** By side-effect code. */
  sideEffects: Record<string, SideEffectForm>;
  feelings: FeelingsForm;
  pain: PainForm;
  health: HealthForm;
  relationship: PartnerForm[];
  goals: GoalsForm;
}

export const emptyDiagnosis = (): DiagnosisForm => ({
  diagnosis: '', detail: '', stage: '', metastatic: false, diagnosedOn: '',
});

export const emptyTreatment = (): TreatmentForm => ({
  kind: '', agentClass: '', pelvic: false, status: '', startedOn: '', endedOn: '',
});

export function intakeForm(intake: Intake, lists: Checklists): IntakeForm {
  const m = intake.medical;
  const sideEffects: Record<string, SideEffectForm> = {};
  for (const item of lists.side_effect ?? []) sideEffects[item.code] = { severity: '', note: '' };
  for (const s of intake.sideEffects) sideEffects[s.code] = { severity: s.severity, note: orEmpty(s.note) };
  return {
    medical: {
      diagnoses: m.diagnoses.map((d) => ({
        diagnosis: d.diagnosis, detail: orEmpty(d.detail), stage: orEmpty(d.stage), metastatic: d.metastatic,
        diagnosedOn: orEmpty(d.diagnosedOn),
      })),
      treatments: m.treatments.map((t) => ({
        kind: t.kind, agentClass: orEmpty(t.agentClass), pelvic: t.pelvic, status: t.status,
        startedOn: orEmpty(t.startedOn), endedOn: orEmpty(t.endedOn),
      })),
      hormoneReceptorPositive: m.hormoneReceptorPositive,
      clearance: m.clearance,
      clearanceBy: orEmpty(m.clearanceBy),
      clearanceOn: orEmpty(m.clearanceOn),
      notes: orEmpty(m.notes),
    },
    sideEffects,
    feelings: {
      bodyImage: ticks(lists.body_image, intake.feelings.bodyImage),
      bodyImageNotes: orEmpty(intake.feelings.bodyImageNotes),
      emotional: ticks(lists.emotional, intake.feelings.emotional),
      emotionalNotes: orEmpty(intake.feelings.emotionalNotes),
    },
    pain: {
      duringSex: intake.pain.duringSex,
      location: orEmpty(intake.pain.location),
      when: orEmpty(intake.pain.when),
      intensity: intake.pain.intensity === null ? '' : String(intake.pain.intensity),
      since: orEmpty(intake.pain.since),
      better: orEmpty(intake.pain.better),
      worse: orEmpty(intake.pain.worse),
      causes: ticks(lists.pain_cause, intake.pain.causes),
      newOrWorsening: intake.pain.newOrWorsening,
      infectionSigns: intake.pain.infectionSigns,
    },
    health: {
      latexAllergy: intake.health.latexAllergy,
      otherAllergies: orEmpty(intake.health.otherAllergies),
      hasOstomy: intake.health.hasOstomy,
      lymphoedemaSide: intake.health.lymphoedemaSide,
    },
    relationship: intake.relationship.map((p) => ({
      personId: p.personId, name: p.name, perspective: orEmpty(p.perspective), attends: p.attends,
      consentToContact: p.consentToContact,
    })),
    goals: {
      intimacyMeaning: orEmpty(intake.goals.intimacyMeaning),
      goals: orEmpty(intake.goals.goals),
      fertilityWish: intake.goals.fertilityWish,
      fertilityNotes: orEmpty(intake.goals.fertilityNotes),
      disclosureConcern: intake.goals.disclosureConcern,
      datingNotes: orEmpty(intake.goals.datingNotes),
    },
  };
}

// ---------- Form state -> sections ----------

/**
 * Which form row each sent row came from. Rows nobody has typed into are not sent (a blank
 * row would only fail validation and hold back the rest of the section), so Rust's index
 * for a row (`medical.diagnoses.<i>`) can differ from the form's; side effects are sent only
 * with a severity, so their index maps to a checklist code.
 */
export interface RowMap {
  diagnoses: number[];
  treatments: number[];
  sideEffects: string[];
}

export const emptyRowMap = (): RowMap => ({ diagnoses: [], treatments: [], sideEffects: [] });

export interface Built {
  section: IntakeSection;
  rows: RowMap;
  /** Problems found before sending (the section is not sent while there are any). */
  errors: Record<string, string>;
}

const isBlank = (s: string) => s.trim() === '';

export const diagnosisIsBlank = (d: DiagnosisForm): boolean =>
  isBlank(d.diagnosis) && isBlank(d.detail) && isBlank(d.stage) && !d.metastatic && isBlank(d.diagnosedOn);

/** The status alone is not content: it is only meaningful once the treatment is named. */
export const treatmentIsBlank = (t: TreatmentForm): boolean =>
  isBlank(t.kind) && isBlank(t.agentClass) && !t.pelvic && isBlank(t.startedOn) && isBlank(t.endedOn);

export function medicalFromForm(f: MedicalForm): { data: Medical; rows: Pick<RowMap, 'diagnoses' | 'treatments'> } {
  const diagnoses: number[] = [];
  const treatments: number[] = [];
  f.diagnoses.forEach((d, i) => { if (!diagnosisIsBlank(d)) diagnoses.push(i); });
  f.treatments.forEach((t, i) => { if (!treatmentIsBlank(t)) treatments.push(i); });
  return {
    data: {
      diagnoses: diagnoses.map((i) => {
        const d = f.diagnoses[i];
        return {
          diagnosis: d.diagnosis, detail: blankToNull(d.detail), stage: blankToNull(d.stage), metastatic: d.metastatic,
          diagnosedOn: blankToNull(d.diagnosedOn),
        };
      }),
      treatments: treatments.map((i) => {
        const t = f.treatments[i];
        return {
          kind: t.kind, agentClass: blankToNull(t.agentClass), pelvic: t.pelvic, status: t.status,
          startedOn: blankToNull(t.startedOn), endedOn: blankToNull(t.endedOn),
        };
      }),
      hormoneReceptorPositive: f.hormoneReceptorPositive,
      clearance: f.clearance,
      clearanceBy: blankToNull(f.clearanceBy),
      clearanceOn: blankToNull(f.clearanceOn),
      notes: blankToNull(f.notes),
    },
    rows: { diagnoses, treatments },
  };
}

/** Only side effects with a severity are sent, in checklist order. */
export function sideEffectsFromForm(f: Readonly<Record<string, SideEffectForm>>): { data: SideEffect[]; codes: string[] } {
  const data: SideEffect[] = [];
  for (const [code, s] of Object.entries(f)) {
    if (s.severity === '') continue;
    data.push({ code, severity: s.severity, note: blankToNull(s.note) });
  }
  return { data, codes: data.map((s) => s.code) };
}

export function feelingsFromForm(f: FeelingsForm): Feelings {
  return {
    bodyImage: tickedCodes(f.bodyImage),
    bodyImageNotes: blankToNull(f.bodyImageNotes),
    emotional: tickedCodes(f.emotional),
    emotionalNotes: blankToNull(f.emotionalNotes),
  };
}

/** '' -> null; a whole number -> that number (Rust checks the range); anything else -> 'invalid'. */
export function parseIntensity(s: string): number | null | 'invalid' {
  const t = s.trim();
  if (t === '') return null;
  if (!/^-?\d+$/.test(t)) return 'invalid';
  return Number(t);
}

export function painFromForm(f: PainForm): { data: Pain; errors: Record<string, string> } {
  const parsed = parseIntensity(f.intensity);
  const errors: Record<string, string> = {};
  if (parsed === 'invalid') errors['pain.intensity'] = 'Pain is rated with a whole number from 0 to 10.';
  return {
    data: {
      duringSex: f.duringSex,
      location: blankToNull(f.location),
      when: blankToNull(f.when),
      intensity: parsed === 'invalid' ? null : parsed,
      since: blankToNull(f.since),
      better: blankToNull(f.better),
      worse: blankToNull(f.worse),
      causes: tickedCodes(f.causes),
      newOrWorsening: f.newOrWorsening,
      infectionSigns: f.infectionSigns,
    },
    errors,
  };
}

export function healthFromForm(f: HealthForm): Health {
  return {
    latexAllergy: f.latexAllergy,
    otherAllergies: blankToNull(f.otherAllergies),
    hasOstomy: f.hasOstomy,
    lymphoedemaSide: f.lymphoedemaSide,
  };
}

export function partnersFromForm(f: readonly PartnerForm[]): PartnerPerspective[] {
  return f.map((p) => ({
    personId: p.personId, name: p.name, perspective: blankToNull(p.perspective), attends: p.attends,
    consentToContact: p.consentToContact,
  }));
}

export function goalsFromForm(f: GoalsForm): Goals {
  return {
    intimacyMeaning: blankToNull(f.intimacyMeaning),
    goals: blankToNull(f.goals),
    fertilityWish: f.fertilityWish,
    fertilityNotes: blankToNull(f.fertilityNotes),
    disclosureConcern: f.disclosureConcern,
    datingNotes: blankToNull(f.datingNotes),
  };
}

/** The section as Rust saves it, from the form as it is now. */
export function buildSection(key: SectionKey, f: IntakeForm): Built {
  const rows = emptyRowMap();
  switch (key) {
    case 'medical': {
      const m = medicalFromForm(f.medical);
      return { section: { section: 'medical', data: m.data }, rows: { ...rows, ...m.rows }, errors: {} };
    }
    case 'sideEffects': {
      const s = sideEffectsFromForm(f.sideEffects);
      return { section: { section: 'sideEffects', data: s.data }, rows: { ...rows, sideEffects: s.codes }, errors: {} };
    }
    case 'feelings':
      return { section: { section: 'feelings', data: feelingsFromForm(f.feelings) }, rows, errors: {} };
    case 'pain': {
      const p = painFromForm(f.pain);
      return { section: { section: 'pain', data: p.data }, rows, errors: p.errors };
    }
    case 'health':
      return { section: { section: 'health', data: healthFromForm(f.health) }, rows, errors: {} };
    case 'relationship':
      return { section: { section: 'relationship', data: partnersFromForm(f.relationship) }, rows, errors: {} };
    case 'goals':
      return { section: { section: 'goals', data: goalsFromForm(f.goals) }, rows, errors: {} };
  }
}

// ---------- Where Rust's field errors show ----------

const DIAGNOSIS_FIELDS = ['diagnosis', 'detail', 'stage', 'diagnosedOn'] as const;
const TREATMENT_FIELDS = ['kind', 'agentClass', 'pelvic', 'status', 'startedOn', 'endedOn'] as const;

/** Every field name (as Rust reports it) that has a place under an input in `key`, given the rows sent. */
export function shownFields(key: SectionKey, rows: RowMap, partners = 0): string[] {
  switch (key) {
    case 'medical':
      return [
        ...rows.diagnoses.flatMap((_, i) => DIAGNOSIS_FIELDS.map((n) => `medical.diagnoses.${i}.${n}`)),
        ...rows.treatments.flatMap((_, i) => TREATMENT_FIELDS.map((n) => `medical.treatments.${i}.${n}`)),
        'medical.hormoneReceptorPositive', 'medical.clearance', 'medical.clearanceBy', 'medical.clearanceOn',
        'medical.notes',
      ];
    case 'sideEffects':
      return rows.sideEffects.flatMap((_, i) => [`sideEffects.${i}.severity`, `sideEffects.${i}.note`]);
    case 'feelings':
      return ['feelings.bodyImage', 'feelings.bodyImageNotes', 'feelings.emotional', 'feelings.emotionalNotes'];
    case 'pain':
      return ['pain.location', 'pain.when', 'pain.intensity', 'pain.since', 'pain.better', 'pain.worse', 'pain.causes'];
    case 'health':
      return ['health.otherAllergies', 'health.lymphoedemaSide'];
    case 'relationship':
      return Array.from({ length: partners }, (_, i) => `relationship.${i}.perspective`);
    case 'goals':
      return ['goals.intimacyMeaning', 'goals.goals', 'goals.fertilityWish', 'goals.fertilityNotes', 'goals.datingNotes'];
  }
}

/** The Rust field name for a form row's input, or null when that row was not sent. */
export function rowField(sent: readonly (number | string)[], row: number | string, prefix: string, name: string): string | null {
  const i = sent.indexOf(row);
  return i < 0 ? null : `${prefix}.${i}.${name}`;
}

// ---------- Summary ----------

export interface SummaryLine {
  key: 'diagnoses' | 'treatments' | 'sideEffects' | 'pain' | 'partners' | 'goals';
  label: string;
  text: string;
}

const NOT_RECORDED = 'Not recorded yet';

export function summaryLines(
  data: { medical: Medical; sideEffects: SideEffect[]; pain: Pain; relationship: PartnerPerspective[]; goals: Goals },
  lists: Checklists,
): SummaryLine[] {
  const diagnoses = data.medical.diagnoses
    .filter((d) => d.diagnosis)
    .map((d) => {
      const label = d.detail ? `${checklistLabel(lists, 'diagnosis', d.diagnosis)}: ${d.detail}` : checklistLabel(lists, 'diagnosis', d.diagnosis);
      const extra = [
        d.stage ? `stage ${d.stage}` : '',
        d.metastatic ? 'metastatic' : '',
        d.diagnosedOn ? `diagnosed ${formatDate(d.diagnosedOn)}` : '',
      ].filter(Boolean);
      return extra.length ? `${label} (${extra.join(', ')})` : label;
    });

  const treatments = data.medical.treatments
    .filter((t) => t.kind)
    .map((t) => {
      let label = checklistLabel(lists, 'treatment', t.kind);
      if (t.agentClass) label += `: ${checklistLabel(lists, 'agent_class', t.agentClass)}`;
      if (t.pelvic) label += ', pelvic';
      const status = choiceLabel(TREATMENT_STATUS_CHOICES, t.status).toLowerCase();
      const when = t.status === 'finished' && t.endedOn ? `finished ${formatDate(t.endedOn)}` : status;
      return when ? `${label} (${when})` : label;
    });

  const sideEffects = data.sideEffects
    .filter((s) => s.severity === 'moderate' || s.severity === 'severe')
    .map((s) => `${checklistLabel(lists, 'side_effect', s.code)} (${s.severity})`);

  let pain: string;
  const p = data.pain;
  if (!p.duringSex) pain = 'Not reported';
  else {
    const parts = [
      p.location ? choiceLabel(PAIN_LOCATION_CHOICES, p.location) : '',
      p.intensity !== null ? `${p.intensity}/10` : '',
      p.since ? `since ${formatDate(p.since)}` : '',
    ].filter(Boolean);
    pain = parts.length ? `Yes: ${parts.join(', ')}` : 'Yes';
  }

  const partners = data.relationship.map((r) => (r.attends ? `${r.name} (attends sessions)` : r.name));

  return [
    { key: 'diagnoses', label: 'Diagnoses', text: diagnoses.join('; ') || NOT_RECORDED },
    { key: 'treatments', label: 'Treatments', text: treatments.join('; ') || NOT_RECORDED },
    { key: 'sideEffects', label: 'Moderate or severe side effects', text: sideEffects.join('; ') || 'None recorded' },
    { key: 'pain', label: 'Pain during sex', text: pain },
    { key: 'partners', label: 'Partners', text: partners.join('; ') || 'None linked' },
    { key: 'goals', label: 'Goals', text: data.goals.goals?.trim() || NOT_RECORDED },
  ];
}
