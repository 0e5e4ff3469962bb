// Handouts and printing: the clinic's sheet templates, a client's sheets (preview, print, save
// as PDF, open) and what was printed for them. Rust checks every role: reception may only send
// a sheet to a printer; previews, PDFs and the history are for counsellors; templates and print
// settings are edited by administrators.
import { call } from './client';
import type { HandoutPreview } from './bindings/HandoutPreview';
import type { HandoutSummary } from './bindings/HandoutSummary';
import type { HandoutTemplate } from './bindings/HandoutTemplate';
import type { PrintDone } from './bindings/PrintDone';
import type { Printer } from './bindings/Printer';
import type { PrintOptions } from './bindings/PrintOptions';
import type { PrintRecord } from './bindings/PrintRecord';
import type { PrintSettings } from './bindings/PrintSettings';
import type { TemplateInput } from './bindings/TemplateInput';
import type { PersonId } from './people';

export type HandoutSlug = HandoutSummary['slug'];

/** The templates at their current versions, in the clinic's order. */
export const listHandouts = () => call<HandoutSummary[]>('list_handouts');

/** A template at its current version, for the editor. */
export const getHandoutTemplate = (slug: HandoutSlug) => call<HandoutTemplate>('get_handout_template', { slug });

/** Saves the edit as the template's next version (unchanged text keeps the version). */
export const saveHandoutTemplate = (slug: HandoutSlug, input: TemplateInput) =>
  call<HandoutTemplate>('save_handout_template', { slug, input });

/** The edit as it would print for a fictional client; validation errors name the body's line. */
export const previewHandoutTemplate = (slug: HandoutSlug, input: TemplateInput, discreet: boolean) =>
  call<HandoutPreview>('preview_handout_template', { slug, input, discreet });

/** A client's sheet as the pages that will print (counsellors; audited). */
export const previewHandout = (options: PrintOptions) => call<HandoutPreview>('preview_handout', { options });

/** Asks where to save, then saves the sheet as a PDF there. The path, or null when the person cancelled. */
export const saveHandoutPdf = (options: PrintOptions) => call<string | null>('save_handout_pdf', { options });

/** Opens the sheet in the computer's PDF viewer. */
export const openHandout = (options: PrintOptions) => call<null>('open_handout', { options });

/** The computer's print queues; empty when none is set up. */
export const listPrinters = () => call<Printer[]>('list_printers');

/** Sends the sheet to `printer` (a queue name); `copies` is 1 to 20. */
export const printHandout = (options: PrintOptions, printer: string, copies: number) =>
  call<PrintDone>('print_handout', { options, printer, copies });

/** What was printed, saved or opened for a client, newest first. */
export const handoutHistory = (personId: PersonId) => call<PrintRecord[]>('handout_history', { personId });

export const getPrintSettings = () => call<PrintSettings>('get_print_settings');

export const savePrintSettings = (input: PrintSettings) => call<PrintSettings>('save_print_settings', { input });

/** The client's own choice of discreet sheets; null follows the clinic's default. */
export const setClientDiscretion = (personId: PersonId, discreet: boolean | null) =>
  call<null>('set_client_discretion', { personId, discreet });

/** Opens a file dialog for the clinic's logo (a PNG); null when cancelled. */
export const chooseClinicLogo = () => call<PrintSettings | null>('choose_clinic_logo');
export const clearClinicLogo = () => call<PrintSettings>('clear_clinic_logo');
