// A client's rights over their record: the whole of it exported to a folder, or erased after two
// confirmations. Counsellors only; Rust checks the role and, for an erasure, the typed name.
import { call } from './client';
import type { ErasePreview } from './bindings/ErasePreview';
import type { ExportWritten } from './bindings/ExportWritten';

export type { ErasePreview, ExportWritten };

/** Asks for a folder and writes record.json and record.pdf there; null when cancelled. */
export const exportClientRecord = (personId: number) =>
  call<ExportWritten | null>('export_client_record', { personId });

export const erasePreview = (personId: number) => call<ErasePreview>('erase_preview', { personId });

/** `typedName` must be the person's full name, as the preview gives it. */
export const eraseClient = (personId: number, typedName: string) =>
  call<null>('erase_client', { personId, typedName });
