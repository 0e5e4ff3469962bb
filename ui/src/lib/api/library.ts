// The content library (counsellors and administrators): items at their current version.
import { call } from './client';
import type { LibraryItem } from './bindings/LibraryItem';
import type { LibraryItemInput } from './bindings/LibraryItemInput';

export type LibraryItemId = LibraryItem['id'];

export const listLibrary = () => call<LibraryItem[]>('list_library');

/** Saves the edit as the item's next version. */
export const editLibraryItem = (itemId: LibraryItemId, input: LibraryItemInput) =>
  call<LibraryItem>('edit_library_item', { itemId, input });

/** A clinic's own item, version 1. `section`: education, communication, acceptance, practical or homework. */
export const addLibraryItem = (section: string, input: LibraryItemInput) =>
  call<LibraryItem>('add_library_item', { section, input });
