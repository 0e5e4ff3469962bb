import { call } from './client';
import type { ClinicProfile } from './bindings/ClinicProfile';
import type { Vocabulary } from './bindings/Vocabulary';

export const getClinic = () => call<ClinicProfile>('get_clinic');

export const updateClinic = (profile: ClinicProfile) => call<ClinicProfile>('update_clinic', { profile });

export const getVocabulary = () => call<Vocabulary>('get_vocabulary');
