// Handouts and printing as the screens show them: the order of the handouts, what to send for a
// print, the number of copies, plain words for what happened, the template editor's form and the
// small timing helpers of the live previews.
import type { HandoutPreview } from './api/bindings/HandoutPreview';
import type { HandoutSummary } from './api/bindings/HandoutSummary';
import type { HandoutTemplate } from './api/bindings/HandoutTemplate';
import type { Paper } from './api/bindings/Paper';
import type { PrintDone } from './api/bindings/PrintDone';
import type { Printer } from './api/bindings/Printer';
import type { PrintOptions } from './api/bindings/PrintOptions';
import type { PrintRecord } from './api/bindings/PrintRecord';
import type { TemplateInput } from './api/bindings/TemplateInput';
import type { Choice } from './intake';
import { formatDay } from './names';

/** The slug of the client's current homework sheet. */
export const HOMEWORK = 'homework';

/** The most copies one print may ask for (Rust's `print_service::MAX_COPIES`). */
export const MAX_COPIES = 20;

export const COPIES_MESSAGE = `Choose between 1 and ${MAX_COPIES} copies.`;

/** The homework sheet first, then the others in the clinic's order. */
export function orderHandouts<T extends Pick<HandoutSummary, 'slug'>>(list: readonly T[]): T[] {
  return [...list.filter((h) => h.slug === HOMEWORK), ...list.filter((h) => h.slug !== HOMEWORK)];
}

/** The handout a dialog starts on: the one asked for when it exists, else the first (homework). */
export function initialHandout(list: readonly Pick<HandoutSummary, 'slug'>[], wanted: string | null | undefined): string {
  if (wanted && list.some((h) => h.slug === wanted)) return wanted;
  return orderHandouts(list)[0]?.slug ?? HOMEWORK;
}

const KIND_LABELS: Record<string, string> = { homework: 'Homework sheet', education: 'Education sheet' };

export const kindLabel = (kind: string): string => KIND_LABELS[kind] ?? kind.replace(/_/g, ' ');

/**
 * What a print asks for. `discreet` null follows the client's choice, then the clinic's default;
 * `shownDiscreet` is whether the sheet on screen is discreet: a discreet sheet never carries the
 * diagnosis, whatever the box said before it was ticked.
 */
export function printOptions(
  personId: number,
  handout: string,
  discreet: boolean | null,
  includeDiagnosis: boolean,
  shownDiscreet: boolean,
): PrintOptions {
  return { personId, handout, discreet, includeDiagnosis: includeDiagnosis && !shownDiscreet && discreet !== true };
}

/** Reception's print: the homework sheet as the client and the clinic want it, never the diagnosis. */
export const receptionPrintOptions = (personId: number): PrintOptions =>
  printOptions(personId, HOMEWORK, null, false, true);

/**
 * The copies typed, as a whole number from 1 to 20, or the message to show next to the field.
 * A bound number input holds a number, null when empty, or a string until first edited.
 */
export function parseCopies(value: unknown): { copies: number } | { error: string } {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_COPIES) return { error: COPIES_MESSAGE };
  return { copies: n };
}

export const copiesWord = (n: number): string => (n === 1 ? '1 copy' : `${n} copies`);

/** "Sent to Rekindle_PDF: 1 copy. Job Rekindle_PDF-12." */
export const printedText = (done: PrintDone): string =>
  `Sent to ${done.printer}: ${copiesWord(done.copies)}. Job ${done.jobId}.`;

/** After "Save as PDF…": where it went, or null when the person cancelled. */
export const savedPdfText = (path: string | null): string | null => (path === null ? null : `Saved as PDF: ${path}`);

/** The printer to preselect: the computer's default, else the first; "" when there is none. */
export function defaultPrinter(printers: readonly Printer[]): string {
  return (printers.find((p) => p.isDefault) ?? printers[0])?.name ?? '';
}

/** Printer choices: values are queue names; labels the description, the default marked. */
export function printerChoices(printers: readonly Printer[]): Choice[] {
  return printers.map((p) => {
    const described = p.description.trim() && p.description !== p.name ? `${p.description} – ${p.name}` : p.name;
    return { value: p.name, label: p.isDefault ? `${described} (default)` : described };
  });
}

/** How a sheet left the app: printer -> "printed on a printer (2 copies)", pdf -> "saved as PDF", viewer -> "opened". */
export function destinationText(r: Pick<PrintRecord, 'destination' | 'copies'>): string {
  switch (r.destination) {
    case 'printer':
      return `printed on a printer (${copiesWord(r.copies)})`;
    case 'pdf':
      return 'saved as PDF';
    case 'viewer':
      return 'opened in a PDF viewer';
    default:
      return r.destination;
  }
}

/** "23 November 2026 · Your homework until we meet again v1 · printed on a printer (2 copies) · Alex Morgan". */
export function describePrintRecord(r: PrintRecord): string {
  return [formatDay(r.printedAt), `${r.title} v${r.version}`, destinationText(r), r.printedBy].join(' · ');
}

// ---------- The template editor ----------

export interface TemplateForm {
  title: string;
  discreetTitle: string;
  body: string;
}

/** The fields the editor has inputs for (Rust's names). */
export const TEMPLATE_FIELDS: readonly (keyof TemplateForm)[] = ['title', 'discreetTitle', 'body'];

export const templateForm = (t: Pick<HandoutTemplate, 'title' | 'discreetTitle' | 'body'>): TemplateForm => ({
  title: t.title,
  discreetTitle: t.discreetTitle,
  body: t.body,
});

/** Sent as typed: Rust trims the titles and keeps the body exactly. */
export const templateInput = (f: TemplateForm): TemplateInput => ({ title: f.title, discreetTitle: f.discreetTitle, body: f.body });

export const sameTemplate = (a: TemplateForm, b: TemplateForm): boolean =>
  a.title === b.title && a.discreetTitle === b.discreetTitle && a.body === b.body;

/** "Saved as version 3", or that nothing changed when Rust kept the version. */
export const templateSavedText = (before: number, after: number): string =>
  after > before ? `Saved as version ${after}` : `Nothing changed: still version ${after}`;

export const PAPER_CHOICES: readonly (Choice & { value: Paper })[] = [
  { value: 'a4', label: 'A4' },
  { value: 'letter', label: 'US Letter' },
];

export const DISCREET_NAME_CHOICES: readonly Choice[] = [
  { value: 'first_name', label: 'First name only' },
  { value: 'initials', label: 'Initials only' },
];

// ---------- Timing for the live previews ----------

/**
 * Lets only the latest of overlapping requests land: `begin()` returns a check that stays true
 * until `begin()` is called again (or `cancel()`), so a slow earlier answer cannot overwrite a
 * newer one.
 */
export function latestOnly(): { begin: () => () => boolean; cancel: () => void } {
  let current = 0;
  return {
    begin() {
      const mine = ++current;
      return () => mine === current;
    },
    cancel() {
      current++;
    },
  };
}

/** Runs `fn` once `delayMs` have passed without another `schedule()`; `now()` runs it at once. */
export function debouncer(fn: () => void, delayMs = 400): { schedule: () => void; now: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        fn();
      }, delayMs);
    },
    now() {
      cancel();
      fn();
    },
    cancel,
  };
}

// ---------- Printing something other than a client's handout ----------

/**
 * A sheet the print dialog can give out besides a client's handouts (an appointment card, the
 * day sheet): how to show it, print it and, where allowed, save it as a PDF.
 */
export interface PrintJob {
  /** The dialog's title, e.g. "Print the appointment card". */
  title: string;
  /** The line under the title, e.g. who or which day it is for. */
  subtitle?: string;
  /** The pages as they will print; left out, the dialog shows the printer choice alone. */
  preview?: () => Promise<HandoutPreview>;
  print: (printer: string, copies: number) => Promise<PrintDone>;
  /** Save as PDF (a save dialog); the path, or null when the person cancelled. */
  save?: () => Promise<string | null>;
}
