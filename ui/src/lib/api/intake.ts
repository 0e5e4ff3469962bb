import { call } from './client';
import type { Chart } from './bindings/Chart';
import type { ChecklistItem } from './bindings/ChecklistItem';
import type { Instrument } from './bindings/Instrument';
import type { Intake } from './bindings/Intake';
import type { IntakeSection } from './bindings/IntakeSection';
import type { MeasureInput } from './bindings/MeasureInput';
import type { MeasureResult } from './bindings/MeasureResult';
import type { Saved } from './bindings/Saved';
import type { PersonId } from './people';

export type IntakeId = Intake['id'];
export type MeasureResultId = MeasureResult['id'];

/** The client's chart: intake (created empty the first time), cautions, measures. Counsellors only; audited. */
export const openChart = (personId: PersonId) => call<Chart>('open_chart', { personId });

export const getChecklists = () => call<ChecklistItem[]>('get_checklists');

export const getInstruments = () => call<Instrument[]>('get_instruments');

/** Saves one section of a draft intake; returns when, and the cautions as they now stand. */
export const saveIntakeSection = (intakeId: IntakeId, section: IntakeSection) =>
  call<Saved>('save_intake_section', { intakeId, section });

export const signIntake = (intakeId: IntakeId) => call<Intake>('sign_intake', { intakeId });

export const addIntakeAddendum = (intakeId: IntakeId, text: string) =>
  call<Intake>('add_intake_addendum', { intakeId, text });

export const recordMeasure = (personId: PersonId, input: MeasureInput) =>
  call<MeasureResult>('record_measure', { personId, input });

export const acknowledgeMeasureAlert = (resultId: MeasureResultId) =>
  call<MeasureResult>('acknowledge_measure_alert', { resultId });

export const overrideCaution = (personId: PersonId, caution: string, reason: string) =>
  call<null>('override_caution', { personId, caution, reason });
