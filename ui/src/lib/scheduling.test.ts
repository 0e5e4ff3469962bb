import { describe, expect, it } from 'vitest';
import type { Appointment, AppointmentKind, Clash, CounsellorHours } from './api/scheduling';
import {
  addDays, applySlot, appointmentEvents, attendeeChoices, attendeeNames, blocking, bookedText, bookingInput, canMarkAs,
  clashList, closedDayEvents, columnId, columns, dayAppointments, dropInput, emptyBookingForm, eventTitle,
  hiddenWeekend, isClock, isDay, mondayOf, offHoursEvents, onlyOverridable, prefillFromSelection, rangeFor, rangeTitle,
  readyToCheck, relationshipChoices, rescheduleInput, moveFormFrom, seriesText, weekdayOf, whenText, copyMondayToWeekdays,
  hoursSummary, scrollTime, settingsForm, settingsInput, timeZoneChoices,
} from './scheduling';

const KINDS: AppointmentKind[] = [
  { code: 'intake', label: 'Intake', defaultMinutes: 60 },
  { code: 'individual', label: 'Individual session', defaultMinutes: 50 },
  { code: 'couple', label: 'Couple session', defaultMinutes: 60 },
];

function appt(over: Partial<Appointment> = {}): Appointment {
  return {
    key: 'a:1',
    seriesId: null,
    seriesPosition: null,
    seriesLength: null,
    kind: 'couple',
    kindLabel: 'Couple session',
    counsellorId: 2,
    counsellorName: 'Priya Shah',
    roomId: 1,
    roomName: 'Garden room',
    relationshipId: 5,
    attendees: [
      { personId: 10, name: 'Maggie Okafor', isClient: true },
      { personId: 11, name: 'David Okafor', isClient: false },
    ],
    start: '2026-06-03T10:00',
    end: '2026-06-03T11:00',
    startUtc: 1780477200,
    endUtc: 1780480800,
    minutes: 60,
    status: 'booked',
    statusLabel: 'Booked',
    ...over,
  };
}

describe('days', () => {
  it('counts weekdays from Monday = 1, as Rust does', () => {
    expect(weekdayOf('2026-06-01')).toBe(1); // a Monday
    expect(weekdayOf('2026-06-07')).toBe(7);
    expect(mondayOf('2026-06-07')).toBe('2026-06-01');
    expect(mondayOf('2026-06-01')).toBe('2026-06-01');
  });

  it('adds days across months, years and the clocks changing', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // spring forward in Europe is on the 29th
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('shows a day or a week from Monday', () => {
    expect(rangeFor('day', '2026-06-03')).toEqual({ from: '2026-06-03', days: 1 });
    expect(rangeFor('week', '2026-06-03')).toEqual({ from: '2026-06-01', days: 7 });
    expect(rangeFor('list', '2026-06-03')).toEqual({ from: '2026-06-01', days: 7 });
  });

  it('words the shown range', () => {
    expect(rangeTitle('day', '2026-06-03')).toBe('Wednesday 3 June 2026');
    expect(rangeTitle('week', '2026-06-03')).toBe('1 – 7 June 2026');
    expect(rangeTitle('week', '2026-07-01')).toBe('29 June – 5 July 2026');
    expect(rangeTitle('week', '2026-12-30')).toBe('28 December 2026 – 3 January 2027');
  });

  it('knows a day and a clock time when it sees one', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('3 June')).toBe(false);
    expect(isClock('9:30')).toBe(true);
    expect(isClock('24:00')).toBe(false);
    expect(isClock('10.30')).toBe(false);
  });
});

describe('how an appointment reads', () => {
  it('names everyone who comes and the time, kind and place', () => {
    const a = appt();
    expect(attendeeNames(a)).toBe('Maggie Okafor & David Okafor');
    expect(attendeeNames(appt({ attendees: [{ personId: 1, name: 'A', isClient: true }, { personId: 2, name: 'B', isClient: true }, { personId: 3, name: 'C', isClient: false }] }))).toBe('A, B & C');
    expect(eventTitle(a, 'counsellor')).toBe('10:00–11:00 · Maggie Okafor & David Okafor · Couple session · Garden room');
    expect(eventTitle(a, 'room')).toContain('Priya Shah');
    expect(eventTitle(appt({ status: 'no_show', statusLabel: 'Did not attend' }), 'room')).toMatch(/Did not attend$/);
    expect(whenText(a)).toBe('Wednesday 3 June 2026, 10:00–11:00');
  });

  it('says where an occurrence is in its series', () => {
    expect(seriesText(appt())).toBeNull();
    expect(seriesText(appt({ seriesId: 4, seriesPosition: 3, seriesLength: 6 }))).toBe('3 of 6');
  });

  it('offers only the sensible next statuses', () => {
    expect(canMarkAs('booked', 'arrived')).toBe(true);
    expect(canMarkAs('booked', 'no_show')).toBe(true);
    expect(canMarkAs('arrived', 'arrived')).toBe(false);
    expect(canMarkAs('no_show', 'arrived')).toBe(true);
    expect(canMarkAs('cancelled', 'arrived')).toBe(false);
    expect(canMarkAs('done', 'no_show')).toBe(false);
  });

  it('lists the day in the order it happens', () => {
    const list = [
      appt({ key: 'a:3', start: '2026-06-03T14:00', startUtc: 300 }),
      appt({ key: 'a:4', start: '2026-06-04T09:00', startUtc: 50 }),
      appt({ key: 'a:1', start: '2026-06-03T09:00', startUtc: 100 }),
    ];
    expect(dayAppointments(list, '2026-06-03').map((a) => a.key)).toEqual(['a:1', 'a:3']);
  });
});

describe('columns and events', () => {
  const hours: CounsellorHours[] = [
    { counsellorId: 2, name: 'Priya Shah', hours: [{ weekday: 3, starts: '13:00', ends: '17:00' }, { weekday: 3, starts: '09:00', ends: '12:00' }] },
    { counsellorId: 3, name: 'Tom Reed', hours: [] },
  ];

  it('makes a column per counsellor or per room in use', () => {
    expect(columns('counsellor', hours, [])).toEqual([{ id: 'c:2', title: 'Priya Shah' }, { id: 'c:3', title: 'Tom Reed' }]);
    const rooms = [{ id: 1, name: 'Garden room', active: true }, { id: 2, name: 'Old room', active: false }, { id: 3, name: 'Attic', active: false }];
    expect(columns('room', hours, rooms, [{ roomId: 3 }])).toEqual([
      { id: 'r:1', title: 'Garden room' },
      { id: 'r:3', title: 'Attic (not in use)' },
    ]);
  });

  it('reads a column back only in its own grouping', () => {
    expect(columnId('c:12', 'counsellor')).toBe(12);
    expect(columnId('c:12', 'room')).toBeNull();
    expect(columnId('r:4', 'room')).toBe(4);
    expect(columnId(undefined, 'room')).toBeNull();
  });

  it('puts an appointment in its counsellor or room column, clinic wall-clock times as they came', () => {
    const [byCounsellor] = appointmentEvents([appt()], 'counsellor');
    expect(byCounsellor).toMatchObject({ id: 'a:1', resourceIds: ['c:2'], start: '2026-06-03T10:00', end: '2026-06-03T11:00', editable: true });
    expect(byCounsellor.classNames).toEqual(['appt-event', 'kind-couple', 'status-booked']);
    const [byRoom] = appointmentEvents([appt({ status: 'cancelled' })], 'room');
    expect(byRoom.resourceIds).toEqual(['r:1']);
    expect(byRoom.editable).toBe(false);
    expect(byRoom.classNames).toContain('status-cancelled');
  });

  it('shades the time outside working hours, split shifts included', () => {
    const off = offHoursEvents(hours, '2026-06-03', 1); // a Wednesday
    expect(off.map((e) => [e.start, e.end])).toEqual([
      ['2026-06-03T00:00', '2026-06-03T09:00'],
      ['2026-06-03T12:00', '2026-06-03T13:00'],
      ['2026-06-03T17:00', '2026-06-04T00:00'],
    ]);
    expect(off.every((e) => e.display === 'background' && e.resourceIds[0] === 'c:2')).toBe(true);
    // Thursday: no hours at all that day, so the whole day is shaded; Tom has no hours recorded: never shaded.
    const thu = offHoursEvents(hours, '2026-06-04', 1);
    expect(thu.map((e) => [e.start, e.end])).toEqual([['2026-06-04T00:00', '2026-06-05T00:00']]);
  });

  it('shades a closed day in every column, with its reason', () => {
    const closed = closedDayEvents([{ day: '2026-06-05', reason: 'Staff training' }, { day: '2026-07-01', reason: 'Later' }], ['c:2', 'c:3'], '2026-06-01', 7);
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ resourceIds: ['c:2', 'c:3'], start: '2026-06-05T00:00', end: '2026-06-06T00:00', display: 'background' });
    expect(closed[0].extendedProps.closedReason).toBe('Staff training');
  });

  it('leaves out a weekend nobody works and nothing is booked on', () => {
    expect(hiddenWeekend(hours, [appt()])).toEqual([6, 0]);
    expect(hiddenWeekend(hours, [appt({ start: '2026-06-06T10:00' })])).toEqual([0]);
  });
});

describe('clashes', () => {
  const hoursClash: Clash = { kind: 'outsideHours', occurrence: null, start: '2026-06-03T19:00', message: 'Outside Priya Shah\u2019s working hours.', canOverride: true, otherKey: null };
  const roomClash: Clash = { kind: 'room', occurrence: 2, start: '2026-06-10T10:00', message: 'The Garden room is booked then.', canOverride: false, otherKey: 'a:9' };

  it('lists each clash once, in order', () => {
    expect(clashList([roomClash, hoursClash, hoursClash]).map((c) => c.kind)).toEqual(['outsideHours', 'room']);
  });

  it('offers the confirmation only when every clash may be allowed', () => {
    expect(onlyOverridable([hoursClash])).toBe(true);
    expect(onlyOverridable([hoursClash, roomClash])).toBe(false);
    expect(onlyOverridable([])).toBe(false);
    expect(blocking([hoursClash, roomClash], true)).toEqual([roomClash]);
    expect(blocking([hoursClash], false)).toEqual([hoursClash]);
  });
});

describe('the booking form', () => {
  it('starts on an individual session with its default length and whatever was selected', () => {
    const f = emptyBookingForm(KINDS, { date: '2026-06-03', startTime: '10:00', counsellorId: 2 });
    expect(f).toMatchObject({ kind: 'individual', minutes: '50', date: '2026-06-03', startTime: '10:00', counsellorId: '2', roomId: '' });
  });

  it('says at the field what cannot be sent at all', () => {
    const r = bookingInput({ ...emptyBookingForm(KINDS), minutes: '50 min' });
    expect(r.errors).toMatchObject({
      attendeeIds: expect.any(String), counsellorId: 'Choose a counsellor.', roomId: 'Choose a room.', minutes: expect.stringContaining('minutes'),
    });
  });

  it('turns a filled form into the booking input, a weekly series with a count included', () => {
    const f = {
      ...emptyBookingForm(KINDS, { date: '2026-06-03', startTime: '10:00', counsellorId: 2, roomId: 1 }),
      attendeeIds: [10, 11], relationshipId: '5', kind: 'couple', minutes: '60',
      repeat: true, everyWeeks: '2', count: '6', note: '  ',
    };
    expect(bookingInput(f).input).toEqual({
      kind: 'couple', counsellorId: 2, roomId: 1, attendeeIds: [10, 11], relationshipId: 5, date: '2026-06-03',
      startTime: '10:00', endTime: null, minutes: 60, repeat: { everyWeeks: 2, count: 6, until: null },
      receptionNote: null, allowOutsideHours: false,
    });
    const until = bookingInput({ ...f, repeatEnd: 'until', until: '2026-09-01', minutes: '' }).input;
    expect(until?.repeat).toEqual({ everyWeeks: 2, count: null, until: '2026-09-01' });
    expect(until?.minutes).toBeNull();
  });

  it('checks live only once the form reads as a booking', () => {
    const f = { ...emptyBookingForm(KINDS, { date: '2026-06-03', startTime: '10:00', counsellorId: 2, roomId: 1 }), attendeeIds: [10] };
    expect(readyToCheck(f)).toBe(true);
    expect(readyToCheck({ ...f, startTime: '10' })).toBe(false);
    expect(readyToCheck({ ...f, attendeeIds: [] })).toBe(false);
    expect(readyToCheck({ ...f, repeat: true, repeatEnd: 'until', until: '' })).toBe(false);
  });

  it('fills the day and start from a free slot', () => {
    expect(applySlot(emptyBookingForm(KINDS), '2026-06-09T15:30')).toMatchObject({ date: '2026-06-09', startTime: '15:30' });
  });

  it('prefills from a range selected in a column', () => {
    const p = prefillFromSelection(new Date(2026, 5, 3, 14, 0), new Date(2026, 5, 3, 15, 30), 'c:2', 'counsellor');
    expect(p).toEqual({ date: '2026-06-03', startTime: '14:00', minutes: 90, counsellorId: 2 });
    const click = prefillFromSelection(new Date(2026, 5, 3, 9, 0), new Date(2026, 5, 3, 9, 15), 'r:1', 'room');
    expect(click).toEqual({ date: '2026-06-03', startTime: '09:00', roomId: 1 });
  });

  it('offers a client alone or with the people of a relationship still going', () => {
    const rels = relationshipChoices([
      { id: 5, structureLabel: 'Marriage', ended: false, members: [{ id: 10, displayName: 'Maggie Okafor', isClient: true }, { id: 11, displayName: 'David Okafor', isClient: false }] },
      { id: 6, structureLabel: 'Dating', ended: true, members: [] },
    ]);
    expect(rels).toEqual([{ id: 5, label: 'Marriage: Maggie Okafor, David Okafor', members: [
      { id: 10, name: 'Maggie Okafor', isClient: true }, { id: 11, name: 'David Okafor', isClient: false }] }]);
    const maggie = { id: 10, name: 'Maggie Okafor', isClient: true };
    expect(attendeeChoices(maggie, null)).toEqual([maggie]);
    expect(attendeeChoices(maggie, rels[0]).map((p) => p.id)).toEqual([10, 11]);
  });
});

describe('moving', () => {
  it('sends only what changed, and the scope only for a series', () => {
    const a = appt();
    const f = { ...moveFormFrom(a), date: '2026-06-04', startTime: '11:00', scope: 'thisAndFollowing' as const };
    expect(rescheduleInput(a, f).input).toEqual({
      key: 'a:1', scope: 'thisOne', date: '2026-06-04', startTime: '11:00', minutes: null, counsellorId: null, roomId: null, allowOutsideHours: false,
    });
    const s = appt({ key: 's:4:2', seriesId: 4, seriesPosition: 3, seriesLength: 6 });
    expect(rescheduleInput(s, { ...moveFormFrom(s), roomId: '7', minutes: '90', scope: 'thisAndFollowing' }).input)
      .toMatchObject({ scope: 'thisAndFollowing', roomId: 7, minutes: 90, counsellorId: null });
    expect(rescheduleInput(a, { ...moveFormFrom(a), minutes: 'an hour' }).errors?.minutes).toBeTruthy();
  });

  it('turns a drag into a move of this one, to the column it landed in', () => {
    const a = appt();
    expect(dropInput(a, new Date(2026, 5, 3, 15, 0), new Date(2026, 5, 3, 16, 0), 'c:3', 'counsellor')).toEqual({
      key: 'a:1', scope: 'thisOne', date: '2026-06-03', startTime: '15:00', minutes: null, counsellorId: 3, roomId: null, allowOutsideHours: false,
    });
    expect(dropInput(a, new Date(2026, 5, 4, 9, 0), new Date(2026, 5, 4, 9, 30), undefined, 'room'))
      .toMatchObject({ date: '2026-06-04', minutes: 30, counsellorId: null, roomId: null });
  });

  it('says what was booked', () => {
    expect(bookedText([{ start: '2026-06-03T10:00' }])).toBe('Booked: Wednesday 3 June 2026 at 10:00.');
    expect(bookedText([{ start: '2026-06-10T10:00' }, { start: '2026-06-03T10:00' }])).toBe('Booked 2 appointments from Wednesday 3 June 2026 at 10:00.');
  });
});

describe('calendar settings', () => {
  const settings = {
    timeZone: 'Europe/London',
    rooms: [{ id: 1, name: 'Garden room', active: true }],
    counsellors: [{ counsellorId: 2, name: 'Priya Shah', hours: [{ weekday: 3, starts: '09:00', ends: '12:00' }, { weekday: 1, starts: '09:00', ends: '17:00' }] }],
    closedDays: [{ day: '2026-12-25', reason: 'Christmas Day' }, { day: '2026-08-31', reason: 'Bank holiday' }],
    kinds: [],
    cancelReasons: [],
  };

  it('orders hours and closed days as Rust numbers them for errors, and sends them back as typed', () => {
    const f = settingsForm(settings);
    expect(f.counsellors[0].hours.map((h) => h.weekday)).toEqual([1, 3]);
    expect(f.closedDays[0].day).toBe('2026-08-31');
    f.rooms.push({ id: null, name: 'Attic', active: true });
    const input = settingsInput(f);
    expect(input.rooms).toEqual([{ id: 1, name: 'Garden room', active: true }, { id: null, name: 'Attic', active: true }]);
    expect(input.counsellors[0].hours[1]).toEqual({ weekday: 3, starts: '09:00', ends: '12:00' });
  });

  it('copies Monday to Tuesday-Friday and keeps the weekend', () => {
    const hours = copyMondayToWeekdays([
      { weekday: 1, starts: '09:00', ends: '13:00' }, { weekday: 1, starts: '14:00', ends: '18:00' },
      { weekday: 3, starts: '10:00', ends: '11:00' }, { weekday: 6, starts: '10:00', ends: '12:00' },
    ]);
    expect(hours.filter((h) => h.weekday === 3)).toEqual([
      { weekday: 3, starts: '09:00', ends: '13:00' }, { weekday: 3, starts: '14:00', ends: '18:00' }]);
    expect(hours.filter((h) => h.weekday === 6)).toHaveLength(1);
    expect(hours).toHaveLength(11);
    expect(hoursSummary(hours, 5)).toBe('09:00–13:00, 14:00–18:00');
    expect(hoursSummary(hours, 7)).toBe('Not working');
  });

  it('keeps the clinic\'s zone among the choices even when this computer does not list it', () => {
    expect(timeZoneChoices('Asia/Kolkata', ['Europe/London', 'America/New_York']).map((z) => z.value))
      .toEqual(['America/New_York', 'Asia/Kolkata', 'Europe/London']);
    expect(timeZoneChoices('', ['America/Los_Angeles'])[0].label).toBe('America/Los Angeles');
  });
});

describe('where the time grid opens', () => {
  const hours: CounsellorHours[] = [{ counsellorId: 2, name: 'Priya Shah', hours: [{ weekday: 1, starts: '10:30', ends: '18:00' }] }];
  it('opens at the hour of the earliest booking, so an evening series is in sight', () => {
    const view = {
      counsellors: hours,
      appointments: [appt({ start: '2031-03-06T17:15', end: '2031-03-06T18:15' }), appt({ start: '2031-03-06T16:00', end: '2031-03-06T17:00' })],
    };
    expect(scrollTime(view)).toBe('16:00');
  });
  it('ignores cancelled bookings and falls back to the earliest working hour', () => {
    const view = { counsellors: hours, appointments: [appt({ start: '2031-03-06T09:00', end: '2031-03-06T10:00', status: 'cancelled' })] };
    expect(scrollTime(view)).toBe('10:00');
  });
  it('never opens before the first hour on the grid', () => {
    expect(scrollTime({ counsellors: [], appointments: [appt({ start: '2031-03-06T07:30', end: '2031-03-06T08:30' })] })).toBe('08:00');
    expect(scrollTime({ counsellors: [], appointments: [] })).toBe('08:00');
  });
});
