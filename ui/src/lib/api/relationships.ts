import { call } from './client';
import type { NewRelationship } from './bindings/NewRelationship';
import type { PartnerInput } from './bindings/PartnerInput';
import type { Relationship } from './bindings/Relationship';
import type { RelationshipUpdate } from './bindings/RelationshipUpdate';
import type { PersonId } from './people';

export type RelationshipId = Relationship['id'];

export const createRelationship = (input: NewRelationship) =>
  call<Relationship>('create_relationship', { input });

export const updateRelationship = (id: RelationshipId, input: RelationshipUpdate) =>
  call<Relationship>('update_relationship', { id, input });

/** Adds someone on file (`personId`) or a new partner (`newPartner`): exactly one of the two. */
export const addRelationshipMember = (
  id: RelationshipId,
  member: { personId: PersonId } | { newPartner: PartnerInput },
) =>
  call<Relationship>('add_relationship_member', {
    id,
    personId: 'personId' in member ? member.personId : null,
    newPartner: 'newPartner' in member ? member.newPartner : null,
  });

export const removeRelationshipMember = (id: RelationshipId, personId: PersonId) =>
  call<Relationship>('remove_relationship_member', { id, personId });

export const endRelationship = (id: RelationshipId) => call<Relationship>('end_relationship', { id });
