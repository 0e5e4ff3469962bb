import { describe, expect, it } from 'vitest';
import { CommandFailure, toCommandFailure } from './api/client';
import { FORBIDDEN_TEXT, fieldsUnder, formErrors, isClash, withFieldError } from './errors';

describe('toCommandFailure', () => {
  it('keeps a Rust CommandError as it is', () => {
    const e = toCommandFailure({ kind: 'conflict', message: 'Already taken.', fields: [] });
    expect(e).toBeInstanceOf(CommandFailure);
    expect(e.kind).toBe('conflict');
    expect(e.message).toBe('Already taken.');
  });

  it('turns a plain string rejection into an internal error without echoing it', () => {
    const e = toCommandFailure('invalid args `input` for command: Jane Doe');
    expect(e.kind).toBe('internal');
    expect(e.message).not.toContain('Jane');
  });

  it('keeps a print error and its plain words', () => {
    const e = toCommandFailure({ kind: 'print', message: 'No printer is set up on this computer.', fields: [] });
    expect(e.kind).toBe('print');
    expect(e.message).toBe('No printer is set up on this computer.');
  });

  it('keeps the clashes of a booking that clashes', () => {
    const clash = { kind: 'room', occurrence: 5, start: '2027-02-01T10:00', message: 'The Garden room is booked then.', canOverride: false, otherKey: 'a:3' };
    const e = toCommandFailure({ kind: 'clash', message: 'That time clashes.', fields: [], clashes: [clash, { junk: true }] });
    expect(e.kind).toBe('clash');
    expect(isClash(e)).toBe(true);
    expect(e.clashes).toEqual([clash]);
    expect(toCommandFailure({ kind: 'conflict', message: 'x', fields: [] }).clashes).toEqual([]);
  });

  it('rejects unknown kinds', () => {
    expect(toCommandFailure({ kind: 'weird', message: 'x', fields: [] }).kind).toBe('internal');
  });

  it('keeps retryAfterSeconds', () => {
    const e = toCommandFailure({ kind: 'tooManyAttempts', message: 'Wait 30 seconds.', fields: [], retryAfterSeconds: 30 });
    expect(e.retryAfterSeconds).toBe(30);
  });
});

describe('formErrors', () => {
  const validation = {
    kind: 'validation',
    message: 'Some details need attention.',
    fields: [
      { field: 'givenName', message: 'Given name is required.' },
      { field: 'phone', message: 'Phone needs between 6 and 15 digits (this has 3).' },
      { field: 'phone', message: 'A second message.' },
    ],
  };

  it('places each field message under its input and counts them in the summary', () => {
    const r = formErrors(validation, ['givenName', 'phone']);
    expect(r.fields).toEqual({
      givenName: 'Given name is required.',
      phone: 'Phone needs between 6 and 15 digits (this has 3).',
    });
    expect(r.summary).toBe('Please check the 2 highlighted fields.');
  });

  it('puts messages for fields the form does not show into the summary', () => {
    const r = formErrors(validation, ['givenName']);
    expect(r.fields).toEqual({ givenName: 'Given name is required.' });
    expect(r.summary).toContain('Please check the highlighted field.');
    expect(r.summary).toContain('Phone needs between 6 and 15 digits');
  });

  it('uses the Rust message when nothing is field-specific', () => {
    const r = formErrors({ kind: 'conflict', message: 'This record is archived.', fields: [] }, ['givenName']);
    expect(r).toEqual({ summary: 'This record is archived.', fields: {} });
  });

  it('says plainly when the account may not do something', () => {
    expect(formErrors({ kind: 'forbidden', message: 'forbidden', fields: [] }, []).summary).toBe(FORBIDDEN_TEXT);
  });
});

describe('withFieldError and fieldsUnder', () => {
  it('adds a UI check to the errors', () => {
    const r = withFieldError({ summary: null, fields: {} }, 'passwordConfirm', 'The two passwords do not match.');
    expect(r.fields.passwordConfirm).toBe('The two passwords do not match.');
    expect(r.summary).toBe('Please check the highlighted field.');
  });

  it('picks out prefixed fields', () => {
    const f = { 'clinic.name': 'Clinic name is required.', adminPassword: 'Too short.', 'newPartners.1.givenName': 'Required.' };
    expect(fieldsUnder(f, 'clinic.')).toEqual({ name: 'Clinic name is required.' });
    expect(fieldsUnder(f, 'newPartners.1.')).toEqual({ givenName: 'Required.' });
    expect(fieldsUnder(f, 'newPartners.0.')).toEqual({});
  });
});
