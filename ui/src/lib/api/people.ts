import { call } from './client';
import type { ClientInput } from './bindings/ClientInput';
import type { PartnerInput } from './bindings/PartnerInput';
import type { Person } from './bindings/Person';
import type { PersonDetail } from './bindings/PersonDetail';
import type { PersonSummary } from './bindings/PersonSummary';

export type PersonId = Person['id'];

/** At most 50 results; an empty query lists the most recently updated people. */
export const searchPeople = (query: string, includeArchived: boolean) =>
  call<PersonSummary[]>('search_people', { query, includeArchived });

export const getPerson = (id: PersonId) => call<PersonDetail>('get_person', { id });

export const registerClient = (input: ClientInput) => call<Person>('register_client', { input });

/** Saves a client's record; for a partner who is not yet a client, makes them one. */
export const saveClient = (id: PersonId, input: ClientInput) => call<Person>('save_client', { id, input });

export const savePartner = (id: PersonId, input: PartnerInput) => call<Person>('save_partner', { id, input });

export const setPersonArchived = (id: PersonId, archived: boolean) =>
  call<Person>('set_person_archived', { id, archived });
