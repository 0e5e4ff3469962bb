// Form state <-> command inputs. Forms hold strings; inputs want null for "not given".
import type { ClientInput } from './api/bindings/ClientInput';
import type { ClinicProfile } from './api/bindings/ClinicProfile';
import type { PartnerInput } from './api/bindings/PartnerInput';
import type { Person } from './api/bindings/Person';

/** An empty or whitespace-only string becomes null; anything else is passed as typed (Rust trims). */
export function blankToNull(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return s.trim() === '' ? null : s;
}

export const orEmpty = (s: string | null | undefined): string => s ?? '';

export interface ClientForm {
  givenName: string;
  familyName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  phone: string;
  email: string;
  preferredContact: string;
  discretionNote: string;
  referralSource: string;
  receptionNotes: string;
}

export const CLIENT_FIELDS: readonly (keyof ClientForm)[] = [
  'givenName', 'familyName', 'preferredName', 'pronouns', 'dateOfBirth', 'phone', 'email',
  'preferredContact', 'discretionNote', 'referralSource', 'receptionNotes',
];

export function emptyClientForm(): ClientForm {
  return {
    givenName: '', familyName: '', preferredName: '', pronouns: '', dateOfBirth: '', phone: '',
    email: '', preferredContact: '', discretionNote: '', referralSource: '', receptionNotes: '',
  };
}

export function clientFormFromPerson(p: Person): ClientForm {
  return {
    givenName: p.givenName,
    familyName: orEmpty(p.familyName),
    preferredName: orEmpty(p.preferredName),
    pronouns: orEmpty(p.pronouns),
    dateOfBirth: orEmpty(p.dateOfBirth),
    phone: orEmpty(p.phone),
    email: orEmpty(p.email),
    preferredContact: orEmpty(p.preferredContact),
    discretionNote: orEmpty(p.discretionNote),
    referralSource: orEmpty(p.referralSource),
    receptionNotes: orEmpty(p.receptionNotes),
  };
}

export function clientInputFromForm(f: ClientForm): ClientInput {
  return {
    givenName: f.givenName,
    familyName: blankToNull(f.familyName),
    preferredName: blankToNull(f.preferredName),
    pronouns: blankToNull(f.pronouns),
    dateOfBirth: blankToNull(f.dateOfBirth),
    phone: blankToNull(f.phone),
    email: blankToNull(f.email),
    preferredContact: blankToNull(f.preferredContact),
    discretionNote: blankToNull(f.discretionNote),
    referralSource: blankToNull(f.referralSource),
    receptionNotes: blankToNull(f.receptionNotes),
  };
}

export interface PartnerForm {
  givenName: string;
  familyName: string;
  pronouns: string;
  phone: string;
}

export const emptyPartnerForm = (): PartnerForm => ({ givenName: '', familyName: '', pronouns: '', phone: '' });

export function partnerInputFromForm(f: PartnerForm): PartnerInput {
  return {
    givenName: f.givenName,
    familyName: blankToNull(f.familyName),
    preferredName: null,
    pronouns: blankToNull(f.pronouns),
    phone: blankToNull(f.phone),
    email: null,
  };
}

/** A partner row the user has not typed anything into is left out rather than sent empty. */
export const partnerFormIsBlank = (f: PartnerForm): boolean =>
  [f.givenName, f.familyName, f.pronouns, f.phone].every((s) => s.trim() === '');

export interface ClinicForm {
  name: string;
  address: string;
  phone: string;
  email: string;
}

export const emptyClinicForm = (): ClinicForm => ({ name: '', address: '', phone: '', email: '' });

export function clinicFormFromProfile(p: ClinicProfile): ClinicForm {
  return { name: p.name, address: orEmpty(p.address), phone: orEmpty(p.phone), email: orEmpty(p.email) };
}

export function clinicProfileFromForm(f: ClinicForm): ClinicProfile {
  return { name: f.name, address: blankToNull(f.address), phone: blankToNull(f.phone), email: blankToNull(f.email) };
}

/** The UI's own check for "type it twice" password fields; length rules are Rust's. */
export function passwordsMismatch(password: string, confirm: string): string | null {
  return password === confirm ? null : 'The two passwords do not match.';
}
