import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PrintRecord } from './api/bindings/PrintRecord';
import {
  COPIES_MESSAGE, HOMEWORK, debouncer, defaultPrinter, describePrintRecord, destinationText, initialHandout, kindLabel,
  latestOnly, orderHandouts, parseCopies, printedText, printerChoices, printOptions, receptionPrintOptions,
  sameTemplate, savedPdfText, templateForm, templateInput, templateSavedText,
} from './handouts';

const summary = (slug: string) => ({ slug, kind: slug === HOMEWORK ? 'homework' : 'education', title: slug, discreetTitle: slug, version: 1 });

const record = (over: Partial<PrintRecord> = {}): PrintRecord => ({
  id: 1, printedAt: '2026-11-23T10:15:00', slug: 'homework', title: 'Your homework until we meet again', version: 1,
  printedBy: 'Alex Morgan', destination: 'printer', copies: 2, discreet: false, ...over,
});

describe('choosing a handout', () => {
  it('puts the homework sheet first and keeps the clinic order for the rest', () => {
    const list = ['lubricants', 'talking-together', HOMEWORK, 'kind-to-your-body'].map(summary);
    expect(orderHandouts(list).map((h) => h.slug)).toEqual([HOMEWORK, 'lubricants', 'talking-together', 'kind-to-your-body']);
  });

  it('starts on the handout asked for when it exists, else on the homework sheet', () => {
    const list = ['lubricants', HOMEWORK].map(summary);
    expect(initialHandout(list, 'lubricants')).toBe('lubricants');
    expect(initialHandout(list, 'gone')).toBe(HOMEWORK);
    expect(initialHandout(list, null)).toBe(HOMEWORK);
    expect(initialHandout([summary('lubricants')], null)).toBe('lubricants');
    expect(initialHandout([], null)).toBe(HOMEWORK);
  });

  it('names the kinds of template', () => {
    expect(kindLabel('homework')).toBe('Homework sheet');
    expect(kindLabel('education')).toBe('Education sheet');
    expect(kindLabel('new_kind')).toBe('new kind');
  });
});

describe('print options', () => {
  it('follows the client and the clinic until the counsellor chooses', () => {
    expect(printOptions(7, 'lubricants', null, false, false)).toEqual({ personId: 7, handout: 'lubricants', discreet: null, includeDiagnosis: false });
    expect(printOptions(7, HOMEWORK, false, true, false)).toEqual({ personId: 7, handout: HOMEWORK, discreet: false, includeDiagnosis: true });
  });

  it('never asks for the diagnosis on a discreet sheet', () => {
    // The box was ticked, then the sheet was made discreet.
    expect(printOptions(7, HOMEWORK, true, true, true).includeDiagnosis).toBe(false);
    // Discreet by the client's or clinic's default (nothing chosen yet).
    expect(printOptions(7, HOMEWORK, null, true, true).includeDiagnosis).toBe(false);
    // An explicit choice wins over what is on screen while the new preview is on its way.
    expect(printOptions(7, HOMEWORK, true, true, false).includeDiagnosis).toBe(false);
  });

  it('gives reception the homework sheet with the default discretion and no diagnosis', () => {
    expect(receptionPrintOptions(3)).toEqual({ personId: 3, handout: HOMEWORK, discreet: null, includeDiagnosis: false });
  });
});

describe('copies', () => {
  it('takes a whole number from 1 to 20, typed or as a number', () => {
    expect(parseCopies(1)).toEqual({ copies: 1 });
    expect(parseCopies(20)).toEqual({ copies: 20 });
    expect(parseCopies(' 3 ')).toEqual({ copies: 3 });
  });

  it('says what is wrong instead of changing what was typed', () => {
    for (const bad of [0, 21, 2.5, -1, null, '', 'two', NaN, undefined]) {
      expect(parseCopies(bad)).toEqual({ error: COPIES_MESSAGE });
    }
    expect(COPIES_MESSAGE).toBe('Choose between 1 and 20 copies.');
  });
});

describe('what happened, in plain words', () => {
  it('says where the print went, how many copies and the job', () => {
    expect(printedText({ printer: 'Rekindle_PDF', copies: 1, jobId: 'Rekindle_PDF-12' })).toBe('Sent to Rekindle_PDF: 1 copy. Job Rekindle_PDF-12.');
    expect(printedText({ printer: 'Office', copies: 3, jobId: 'Office-4' })).toBe('Sent to Office: 3 copies. Job Office-4.');
  });

  it('says where a PDF was saved, and nothing when the person cancelled', () => {
    expect(savedPdfText('/home/alex/Sheet.pdf')).toBe('Saved as PDF: /home/alex/Sheet.pdf');
    expect(savedPdfText(null)).toBeNull();
  });

  it('describes a print record as one line', () => {
    expect(describePrintRecord(record())).toBe('23 November 2026 · Your homework until we meet again v1 · printed on a printer (2 copies) · Alex Morgan');
    expect(describePrintRecord(record({ destination: 'pdf', copies: 1, version: 3 })))
      .toBe('23 November 2026 · Your homework until we meet again v3 · saved as PDF · Alex Morgan');
  });

  it('has words for each destination', () => {
    expect(destinationText({ destination: 'printer', copies: 1 })).toBe('printed on a printer (1 copy)');
    expect(destinationText({ destination: 'pdf', copies: 1 })).toBe('saved as PDF');
    expect(destinationText({ destination: 'viewer', copies: 1 })).toMatch(/^opened/);
    expect(destinationText({ destination: 'fax', copies: 1 })).toBe('fax');
  });
});

describe('printers', () => {
  const printers = [
    { name: 'Office_Laser', description: 'Office laser', isDefault: false },
    { name: 'Rekindle_PDF', description: 'Rekindle_PDF', isDefault: true },
  ];

  it('preselects the default printer, else the first, else none', () => {
    expect(defaultPrinter(printers)).toBe('Rekindle_PDF');
    expect(defaultPrinter(printers.map((p) => ({ ...p, isDefault: false })))).toBe('Office_Laser');
    expect(defaultPrinter([])).toBe('');
  });

  it('offers queue names as values, with the description and the default marked', () => {
    expect(printerChoices(printers)).toEqual([
      { value: 'Office_Laser', label: 'Office laser – Office_Laser' },
      { value: 'Rekindle_PDF', label: 'Rekindle_PDF (default)' },
    ]);
  });
});

describe('template editor', () => {
  const t = { title: 'Lubricants', discreetTitle: 'Comfort', body: '# Why\n- one\n' };

  it('round-trips a template, the body exactly as typed', () => {
    expect(templateInput(templateForm(t))).toEqual(t);
    expect(templateInput({ ...templateForm(t), body: '  # Why  \n\n' }).body).toBe('  # Why  \n\n');
  });

  it('knows whether anything changed', () => {
    expect(sameTemplate(templateForm(t), templateForm(t))).toBe(true);
    expect(sameTemplate(templateForm(t), { ...templateForm(t), body: t.body + 'x' })).toBe(false);
  });

  it('says which version was saved', () => {
    expect(templateSavedText(1, 2)).toBe('Saved as version 2');
    expect(templateSavedText(2, 2)).toBe('Nothing changed: still version 2');
  });
});

describe('latestOnly', () => {
  it('lets only the newest request land', () => {
    const latest = latestOnly();
    const first = latest.begin();
    const second = latest.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    latest.cancel();
    expect(second()).toBe(false);
  });
});

describe('debouncer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once, after the typing stops', () => {
    const fn = vi.fn();
    const d = debouncer(fn, 400);
    d.schedule();
    vi.advanceTimersByTime(300);
    d.schedule();
    vi.advanceTimersByTime(300);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('runs at once on now() and forgets what was waiting', () => {
    const fn = vi.fn();
    const d = debouncer(fn, 400);
    d.schedule();
    d.now();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
