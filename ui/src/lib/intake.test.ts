import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from './api/bindings/ChecklistItem';
import type { Intake } from './api/bindings/Intake';
import {
  PAIN_CAUSE_GROUPS, buildSection, byList, emptyDiagnosis, emptyTreatment, goalsFromForm, groupItems, intakeForm,
  medicalFromForm, painFromForm, parseIntensity, partnersFromForm, rowField, shownFields, sideEffectsFromForm,
  summaryLines, ticks, tickedCodes,
} from './intake';

const item = (list: string, code: string, label: string, group: string | null = null): ChecklistItem => ({ list, code, label, group });

const lists = byList([
  item('diagnosis', 'breast', 'Breast cancer', 'cancer'),
  item('diagnosis', 'chronic_illness', 'A chronic illness', 'chronic'),
  item('treatment', 'chemotherapy', 'Chemotherapy'),
  item('treatment', 'radiation', 'Radiotherapy'),
  item('treatment', 'hormonal', 'Hormonal therapy'),
  item('agent_class', 'tamoxifen', 'Tamoxifen'),
  item('side_effect', 'vaginal_dryness', 'Vaginal dryness'),
  item('side_effect', 'fatigue', 'Fatigue'),
  item('side_effect', 'hot_flashes', 'Hot flashes'),
  item('body_image', 'scars', 'Scars'),
  item('emotional', 'loneliness', 'Loneliness'),
  item('pain_cause', 'dryness', 'Vaginal dryness', 'physical'),
  item('pain_cause', 'arousal', 'Not enough arousal or foreplay', 'arousal'),
  item('pain_cause', 'low_estrogen', 'Low estrogen thinning the tissue', 'hormonal'),
]);

function blankIntake(): Intake {
  return {
    id: 3, personId: 9, signed: false, signedBy: null, signedAt: null, updatedAt: '2026-05-12T09:00:00Z',
    medical: { diagnoses: [], treatments: [], hormoneReceptorPositive: 'unknown', clearance: 'not_asked', clearanceBy: null, clearanceOn: null, notes: null },
    sideEffects: [],
    feelings: { bodyImage: [], bodyImageNotes: null, emotional: [], emotionalNotes: null },
    pain: { duringSex: false, location: null, when: null, intensity: null, since: null, better: null, worse: null, causes: [], newOrWorsening: false, infectionSigns: false },
    health: { latexAllergy: false, otherAllergies: null, hasOstomy: false, lymphoedemaSide: 'none' },
    relationship: [{ personId: 12, name: 'Sam Reyes', perspective: null, attends: false, consentToContact: false }],
    goals: { intimacyMeaning: null, goals: null, fertilityWish: 'not_discussed', fertilityNotes: null, disclosureConcern: false, datingNotes: null },
    addenda: [],
  };
}

describe('intake form from an intake', () => {
  it('holds strings for every text input and a row for every side effect', () => {
    const f = intakeForm(blankIntake(), lists);
    expect(f.medical.clearanceBy).toBe('');
    expect(f.pain.intensity).toBe('');
    expect(Object.keys(f.sideEffects)).toEqual(['vaginal_dryness', 'fatigue', 'hot_flashes']);
    expect(f.sideEffects.fatigue).toEqual({ severity: '', note: '' });
    expect(f.feelings.bodyImage).toEqual({ scars: false });
    expect(f.relationship[0]).toMatchObject({ personId: 12, name: 'Sam Reyes', perspective: '' });
  });

  it('round-trips what was saved', () => {
    const intake = blankIntake();
    intake.sideEffects = [{ code: 'fatigue', severity: 'severe', note: 'afternoons' }];
    intake.pain = { ...intake.pain, duringSex: true, intensity: 0, causes: ['arousal'] };
    const f = intakeForm(intake, lists);
    expect(f.pain.intensity).toBe('0');
    expect(painFromForm(f.pain).data.intensity).toBe(0);
    expect(painFromForm(f.pain).data.causes).toEqual(['arousal']);
    expect(sideEffectsFromForm(f.sideEffects).data).toEqual([{ code: 'fatigue', severity: 'severe', note: 'afternoons' }]);
  });
});

describe('sections sent to Rust', () => {
  it('turns empty strings into null', () => {
    const f = intakeForm(blankIntake(), lists);
    f.goals.goals = '   ';
    f.goals.datingNotes = 'Not yet dating';
    const g = goalsFromForm(f.goals);
    expect(g.goals).toBeNull();
    expect(g.intimacyMeaning).toBeNull();
    expect(g.datingNotes).toBe('Not yet dating');
    expect(g.fertilityWish).toBe('not_discussed');
  });

  it('sends only side effects with a severity, in checklist order, and maps their index to the code', () => {
    const f = intakeForm(blankIntake(), lists);
    f.sideEffects.hot_flashes = { severity: 'moderate', note: '' };
    f.sideEffects.fatigue = { severity: '', note: 'typed but not rated' };
    f.sideEffects.vaginal_dryness = { severity: 'none', note: '' };
    const built = buildSection('sideEffects', f);
    expect(built.section).toEqual({
      section: 'sideEffects',
      data: [
        { code: 'vaginal_dryness', severity: 'none', note: null },
        { code: 'hot_flashes', severity: 'moderate', note: null },
      ],
    });
    expect(built.rows.sideEffects).toEqual(['vaginal_dryness', 'hot_flashes']);
    expect(rowField(built.rows.sideEffects, 'hot_flashes', 'sideEffects', 'severity')).toBe('sideEffects.1.severity');
    expect(rowField(built.rows.sideEffects, 'fatigue', 'sideEffects', 'severity')).toBeNull();
  });

  it('leaves out rows nobody has typed into, and keeps form rows matched to what Rust numbers', () => {
    const f = intakeForm(blankIntake(), lists);
    f.medical.diagnoses = [emptyDiagnosis(), { ...emptyDiagnosis(), diagnosis: 'breast', diagnosedOn: '2024-03-01' }];
    f.medical.treatments = [{ ...emptyTreatment(), status: 'ongoing' }, { ...emptyTreatment(), kind: 'radiation', pelvic: true, status: 'finished', endedOn: '2025-05-12' }];
    const { data, rows } = medicalFromForm(f.medical);
    expect(data.diagnoses).toEqual([{ diagnosis: 'breast', detail: null, stage: null, metastatic: false, diagnosedOn: '2024-03-01' }]);
    expect(data.treatments).toEqual([{ kind: 'radiation', agentClass: null, pelvic: true, status: 'finished', startedOn: null, endedOn: '2025-05-12' }]);
    expect(rows).toEqual({ diagnoses: [1], treatments: [1] });
    expect(rowField(rows.treatments, 1, 'medical.treatments', 'endedOn')).toBe('medical.treatments.0.endedOn');
    expect(shownFields('medical', { ...rows, sideEffects: [] })).toContain('medical.treatments.0.endedOn');
    expect(shownFields('medical', { ...rows, sideEffects: [] })).not.toContain('medical.treatments.1.endedOn');
  });

  it('sends a pain rating as a number or null, and stops a rating that is not a whole number', () => {
    expect(parseIntensity('')).toBeNull();
    expect(parseIntensity(' 7 ')).toBe(7);
    expect(parseIntensity('12')).toBe(12); // out of range is for Rust to say
    expect(parseIntensity('7.5')).toBe('invalid');
    const f = intakeForm(blankIntake(), lists);
    f.pain.intensity = '7.5';
    const built = buildSection('pain', f);
    expect(built.errors['pain.intensity']).toMatch(/whole number/);
    f.pain.intensity = '6';
    f.pain.location = '';
    f.pain.causes.low_estrogen = true;
    const ok = buildSection('pain', f);
    expect(ok.errors).toEqual({});
    expect(ok.section).toMatchObject({ section: 'pain', data: { intensity: 6, location: null, causes: ['low_estrogen'] } });
  });

  it('sends every partner with the perspective as null when blank', () => {
    const f = intakeForm(blankIntake(), lists);
    f.relationship[0].attends = true;
    expect(partnersFromForm(f.relationship)).toEqual([
      { personId: 12, name: 'Sam Reyes', perspective: null, attends: true, consentToContact: false },
    ]);
    expect(shownFields('relationship', { diagnoses: [], treatments: [], sideEffects: [] }, 1)).toEqual(['relationship.0.perspective']);
  });
});

describe('checklists', () => {
  it('groups pain causes under their headings, in the heading order', () => {
    const groups = groupItems(lists.pain_cause, PAIN_CAUSE_GROUPS);
    expect(groups.map((g) => g.heading)).toEqual(['Physical or medical', 'Hormonal', 'Arousal']);
    expect(groups[1].items.map((i) => i.code)).toEqual(['low_estrogen']);
  });

  it('puts unknown groups last under their own name', () => {
    const groups = groupItems([item('pain_cause', 'x', 'X', 'new_group')], PAIN_CAUSE_GROUPS);
    expect(groups).toEqual([{ heading: 'new_group', items: [item('pain_cause', 'x', 'X', 'new_group')] }]);
  });

  it('keeps a recorded code that is no longer on the list', () => {
    const t = ticks(lists.body_image, ['retired_code']);
    expect(t).toEqual({ scars: false, retired_code: true });
    expect(tickedCodes(t)).toEqual(['retired_code']);
  });
});

describe('summary', () => {
  it('uses checklist labels and shows only moderate or severe side effects', () => {
    const intake = blankIntake();
    intake.medical.diagnoses = [{ diagnosis: 'breast', detail: null, stage: '2', metastatic: false, diagnosedOn: '2024-03-01' }];
    intake.medical.treatments = [
      { kind: 'hormonal', agentClass: 'tamoxifen', pelvic: false, status: 'ongoing', startedOn: null, endedOn: null },
      { kind: 'radiation', agentClass: null, pelvic: true, status: 'finished', startedOn: null, endedOn: '2025-05-12' },
    ];
    intake.sideEffects = [
      { code: 'vaginal_dryness', severity: 'severe', note: null },
      { code: 'fatigue', severity: 'mild', note: null },
      { code: 'hot_flashes', severity: 'moderate', note: null },
    ];
    intake.pain = { ...intake.pain, duringSex: true, location: 'entry', intensity: 6, since: '2025-01-10' };
    intake.relationship[0].attends = true;
    intake.goals.goals = 'Feel close again';
    const lines = Object.fromEntries(summaryLines(intake, lists).map((l) => [l.key, l.text]));
    expect(lines.diagnoses).toBe('Breast cancer (stage 2, diagnosed 1 March 2024)');
    expect(lines.treatments).toBe('Hormonal therapy: Tamoxifen (ongoing); Radiotherapy, pelvic (finished 12 May 2025)');
    expect(lines.sideEffects).toBe('Vaginal dryness (severe); Hot flashes (moderate)');
    expect(lines.pain).toBe('Yes: At entry, 6/10, since 10 January 2025');
    expect(lines.partners).toBe('Sam Reyes (attends sessions)');
    expect(lines.goals).toBe('Feel close again');
  });

  it('says plainly when nothing is recorded', () => {
    const intake = blankIntake();
    intake.relationship = [];
    const lines = Object.fromEntries(summaryLines(intake, lists).map((l) => [l.key, l.text]));
    expect(lines.diagnoses).toBe('Not recorded yet');
    expect(lines.sideEffects).toBe('None recorded');
    expect(lines.pain).toBe('Not reported');
    expect(lines.partners).toBe('None linked');
  });
});
