// The reception calendar as the screens show it: days and ranges, appointments as calendar events
// in counsellors' or rooms' columns, working hours and closed days as shading, the day's arrivals,
// and the booking, move and cancel forms turned into command inputs.
//
// Days are `YYYY-MM-DD` and times `HH:MM` on the clinic's wall clock, exactly as Rust sends them:
// nothing here converts time zones. Date arithmetic runs in UTC so the computer's own zone and
// its daylight-saving changes cannot shift a day.
import type {
  Appointment, AppointmentKind, BookingInput, CalendarView, Clash, ClosedDay, CounsellorHours, RescheduleInput, Room,
  SchedulingSettings, SchedulingSettingsInput, Scope,
} from './api/scheduling';

export type CalendarMode = 'day' | 'week' | 'list';
export type Grouping = 'counsellor' | 'room';

/** The time axis of the grid: the clinic's working day with a margin. */
export const DAY_STARTS = '08:00';
export const DAY_ENDS = '21:00';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const CLOCK_PATTERN = /^\d{1,2}:\d{2}$/;

// ---------- Days ----------

function toUtc(day: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
  return d;
}

function fromUtc(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export const isDay = (s: string): boolean => toUtc(s.trim()) !== null;

/** A clock time `H:MM` or `HH:MM` from 00:00 to 23:59. */
export function isClock(s: string): boolean {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  return !!m && Number(m[1]) < 24 && Number(m[2]) < 60;
}

export function addDays(day: string, n: number): string {
  const d = toUtc(day);
  if (!d) return day;
  d.setUTCDate(d.getUTCDate() + n);
  return fromUtc(d);
}

/** 1 = Monday ... 7 = Sunday, as Rust numbers weekdays. */
export function weekdayOf(day: string): number {
  const d = toUtc(day);
  if (!d) return 0;
  return ((d.getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week the day is in. */
export const mondayOf = (day: string): string => addDays(day, 1 - weekdayOf(day));

/** The days a mode shows around `day`: that day alone, or its week from Monday. */
export function rangeFor(mode: CalendarMode, day: string): { from: string; days: number } {
  return mode === 'day' ? { from: day, days: 1 } : { from: mondayOf(day), days: 7 };
}

/** How far the previous and next buttons move. */
export const stepFor = (mode: CalendarMode): number => (mode === 'day' ? 1 : 7);

export function daysOf(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

/** "Wednesday 3 June 2026" */
export function longDay(day: string): string {
  const d = toUtc(day);
  if (!d) return day;
  return `${WEEKDAYS[weekdayOf(day) - 1]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "3 June" */
export function shortDay(day: string): string {
  const d = toUtc(day);
  if (!d) return day;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** The shown range in words: "Wednesday 3 June 2026", "1 – 7 June 2026", "29 June – 5 July 2026". */
export function rangeTitle(mode: CalendarMode, day: string): string {
  if (mode === 'day') return longDay(day);
  const { from, days } = rangeFor(mode, day);
  const a = toUtc(from);
  const b = toUtc(addDays(from, days - 1));
  if (!a || !b) return day;
  const [am, bm] = [MONTHS[a.getUTCMonth()], MONTHS[b.getUTCMonth()]];
  if (a.getUTCFullYear() !== b.getUTCFullYear()) {
    return `${a.getUTCDate()} ${am} ${a.getUTCFullYear()} – ${b.getUTCDate()} ${bm} ${b.getUTCFullYear()}`;
  }
  if (am !== bm) return `${a.getUTCDate()} ${am} – ${b.getUTCDate()} ${bm} ${b.getUTCFullYear()}`;
  return `${a.getUTCDate()} – ${b.getUTCDate()} ${bm} ${b.getUTCFullYear()}`;
}

// ---------- Local date-times ("YYYY-MM-DDTHH:MM") ----------

export const dayOf = (local: string): string => local.slice(0, 10);
export const timeOf = (local: string): string => local.slice(11, 16);

/**
 * Where the time grid opens: the hour of the earliest appointment shown (cancelled ones aside),
 * or of the earliest working hour when nothing is booked, so the day's bookings are in sight
 * rather than an empty morning above them. Never before the grid's first hour.
 */
export function scrollTime(view: Pick<CalendarView, 'appointments' | 'counsellors'>): string {
  const times = view.appointments.filter((a) => a.status !== 'cancelled').map((a) => timeOf(a.start));
  const first = times.length > 0 ? times : view.counsellors.flatMap((c) => c.hours.map((h) => h.starts));
  const earliest = first.reduce<string | null>((m, t) => (m === null || t < m ? t : m), null);
  if (earliest === null) return DAY_STARTS;
  const hour = `${earliest.slice(0, 2)}:00`;
  return hour < DAY_STARTS ? DAY_STARTS : hour;
}

/** Minutes since midnight of `HH:MM`. */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

export const clockOf = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/**
 * A date the calendar hands back (a JavaScript Date holding the wall-clock time in the computer's
 * own zone, as the calendar treats the floating times it was given) as day and time.
 */
export function fromCalendarDate(d: Date): { date: string; time: string } {
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}`,
  };
}

/** Whole minutes between two calendar dates. */
export const minutesBetween = (a: Date, b: Date): number => Math.round((b.getTime() - a.getTime()) / 60000);

// ---------- How an appointment reads ----------

/** "Maggie Okafor & David Okafor"; three or more: "A, B & C". */
export function attendeeNames(a: Pick<Appointment, 'attendees'>): string {
  const names = a.attendees.map((p) => p.name);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} & ${names[names.length - 1]}`;
}

/** "10:00–11:00" */
export const timeRange = (a: Pick<Appointment, 'start' | 'end'>): string => `${timeOf(a.start)}–${timeOf(a.end)}`;

/** "Wednesday 3 June 2026, 10:00–11:00" (the end's day too if it runs past midnight). */
export function whenText(a: Pick<Appointment, 'start' | 'end'>): string {
  if (dayOf(a.start) !== dayOf(a.end)) return `${longDay(dayOf(a.start))}, ${timeOf(a.start)} – ${longDay(dayOf(a.end))}, ${timeOf(a.end)}`;
  return `${longDay(dayOf(a.start))}, ${timeRange(a)}`;
}

/** "3 of 6" for an occurrence of a series; null for a single appointment. */
export function seriesText(a: Pick<Appointment, 'seriesPosition' | 'seriesLength'>): string | null {
  if (a.seriesPosition == null) return null;
  return a.seriesLength == null ? `${a.seriesPosition} of an open series` : `${a.seriesPosition} of ${a.seriesLength}`;
}

export const isSeries = (a: Pick<Appointment, 'seriesId'>): boolean => a.seriesId != null;

export const STATUS_ORDER = ['booked', 'arrived', 'in_session', 'done', 'no_show', 'cancelled'] as const;

/** The quick changes from each status (the current one is never offered). */
const NEXT_STATUS: Record<string, readonly string[]> = {
  booked: ['arrived', 'in_session', 'done', 'no_show'],
  arrived: ['in_session', 'done', 'no_show'],
  in_session: ['arrived', 'done'],
  done: ['in_session'],
  no_show: ['arrived'],
  cancelled: [],
};

export const canMarkAs = (current: string, next: string): boolean => (NEXT_STATUS[current] ?? []).includes(next);

/** Only a booked appointment is moved by dragging; the others are past the point of moving. */
export const isMovable = (a: Pick<Appointment, 'status'>): boolean => a.status === 'booked';

export const isCancellable = (a: Pick<Appointment, 'status'>): boolean => a.status === 'booked' || a.status === 'no_show';

/** The day's appointments in the order they happen (cancelled ones too, at their time). */
export function dayAppointments(list: readonly Appointment[], day: string): Appointment[] {
  return list
    .filter((a) => dayOf(a.start) === day)
    .sort((a, b) => a.startUtc - b.startUtc || a.counsellorName.localeCompare(b.counsellorName) || a.key.localeCompare(b.key));
}

// ---------- The calendar's columns and events ----------

export interface ColumnInput {
  id: string;
  title: string;
}

export const counsellorColumn = (id: number): string => `c:${id}`;
export const roomColumn = (id: number): string => `r:${id}`;

/** The id behind a column ("c:12" -> 12), or null when the column is of the other grouping. */
export function columnId(column: string | number | undefined, group: Grouping): number | null {
  if (column === undefined) return null;
  const m = /^([cr]):(\d+)$/.exec(String(column));
  if (!m || (m[1] === 'c') !== (group === 'counsellor')) return null;
  return Number(m[2]);
}

/** One column per counsellor, or per active room (and any inactive room still booked in range). */
export function columns(
  group: Grouping,
  counsellors: readonly Pick<CounsellorHours, 'counsellorId' | 'name'>[],
  rooms: readonly Room[],
  appointments: readonly Pick<Appointment, 'roomId'>[] = [],
): ColumnInput[] {
  if (group === 'counsellor') return counsellors.map((c) => ({ id: counsellorColumn(c.counsellorId), title: c.name }));
  const booked = new Set(appointments.map((a) => a.roomId));
  return rooms
    .filter((r) => r.id != null && (r.active || booked.has(r.id)))
    .map((r) => ({ id: roomColumn(r.id as number), title: r.active ? r.name : `${r.name} (not in use)` }));
}

export interface EventInput {
  id: string;
  resourceIds: string[];
  start: string;
  end: string;
  title: string;
  display?: 'auto' | 'background';
  editable?: boolean;
  classNames: string[];
  extendedProps: Record<string, unknown>;
}

/** The one-line text of an event, for the calendar's own title and screen readers. */
export function eventTitle(a: Appointment, group: Grouping): string {
  const where = group === 'counsellor' ? a.roomName : a.counsellorName;
  return [timeRange(a), attendeeNames(a), a.kindLabel, where, a.status === 'booked' ? null : a.statusLabel]
    .filter(Boolean).join(' · ');
}

/** Appointments as calendar events in their counsellor's or room's column. */
export function appointmentEvents(list: readonly Appointment[], group: Grouping): EventInput[] {
  return list.map((a) => ({
    id: a.key,
    resourceIds: [group === 'counsellor' ? counsellorColumn(a.counsellorId) : roomColumn(a.roomId)],
    start: a.start,
    end: a.end,
    title: eventTitle(a, group),
    editable: isMovable(a),
    classNames: ['appt-event', `kind-${cssCode(a.kind)}`, `status-${cssCode(a.status)}`],
    extendedProps: { key: a.key },
  }));
}

const cssCode = (code: string): string => code.replace(/[^a-z0-9_-]/gi, '').toLowerCase();

/**
 * The time a counsellor does not work, as shading in their column: for each day, the stretches
 * of the day outside their hours. A counsellor with no hours recorded works whenever booked
 * (as Rust's clash check takes it), so their column is not shaded.
 */
export function offHoursEvents(counsellors: readonly CounsellorHours[], from: string, days: number): EventInput[] {
  const out: EventInput[] = [];
  for (const c of counsellors) {
    if (c.hours.length === 0) continue;
    for (const day of daysOf(from, days)) {
      const wd = weekdayOf(day);
      const stretches = c.hours
        .filter((h) => h.weekday === wd && isClock(h.starts) && isClock(h.ends))
        .map((h) => [clockMinutes(h.starts), clockMinutes(h.ends)] as const)
        .sort((x, y) => x[0] - y[0]);
      let at = 0;
      let n = 0;
      const push = (a: number, b: number) => {
        if (b <= a) return;
        out.push({
          id: `off:${c.counsellorId}:${day}:${n++}`,
          resourceIds: [counsellorColumn(c.counsellorId)],
          start: `${day}T${clockOf(a)}`,
          end: b >= 24 * 60 ? `${addDays(day, 1)}T00:00` : `${day}T${clockOf(b)}`,
          title: '',
          display: 'background',
          classNames: ['off-hours'],
          extendedProps: { offHours: true },
        });
      };
      for (const [s, e] of stretches) {
        push(at, s);
        at = Math.max(at, e);
      }
      push(at, 24 * 60);
    }
  }
  return out;
}

/** A closed day as shading across every column, carrying its reason. */
export function closedDayEvents(closed: readonly ClosedDay[], columnIds: readonly string[], from: string, days: number): EventInput[] {
  const shown = new Set(daysOf(from, days));
  return closed
    .filter((c) => shown.has(c.day))
    .map((c) => ({
      id: `closed:${c.day}`,
      resourceIds: [...columnIds],
      start: `${c.day}T00:00`,
      end: `${addDays(c.day, 1)}T00:00`,
      title: c.reason,
      display: 'background' as const,
      classNames: ['closed-day'],
      extendedProps: { closedReason: c.reason },
    }));
}

/**
 * Weekend days to leave out of the week grid: Saturday and Sunday when no counsellor shown works
 * then and nothing is booked on them. (0 = Sunday, 6 = Saturday, as the calendar counts.)
 */
export function hiddenWeekend(counsellors: readonly CounsellorHours[], appointments: readonly Pick<Appointment, 'start'>[]): number[] {
  const hidden: number[] = [];
  for (const [wd, js] of [[6, 6], [7, 0]] as const) {
    const works = counsellors.some((c) => c.hours.some((h) => h.weekday === wd));
    const booked = appointments.some((a) => weekdayOf(dayOf(a.start)) === wd);
    if (!works && !booked) hidden.push(js);
  }
  return hidden;
}

// ---------- Clashes ----------

/** Clashes in the order of the occurrences, each once. */
export function clashList(clashes: readonly Clash[]): Clash[] {
  const seen = new Set<string>();
  return [...clashes]
    .sort((a, b) => a.start.localeCompare(b.start) || (a.occurrence ?? 0) - (b.occurrence ?? 0))
    .filter((c) => {
      const k = `${c.kind}|${c.start}|${c.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** The confirmation box is offered when every clash left is one a person may allow on purpose. */
export const onlyOverridable = (clashes: readonly Clash[]): boolean =>
  clashes.length > 0 && clashes.every((c) => c.canOverride);

/** The clashes that still stop saving once the outside-hours box is ticked (or not). */
export const blocking = (clashes: readonly Clash[], allowOutsideHours: boolean): Clash[] =>
  clashes.filter((c) => !(allowOutsideHours && c.canOverride));

// ---------- The booking form ----------

export interface BookingForm {
  relationshipId: string;
  attendeeIds: number[];
  kind: string;
  counsellorId: string;
  roomId: string;
  date: string;
  startTime: string;
  minutes: string;
  repeat: boolean;
  everyWeeks: string;
  repeatEnd: 'count' | 'until';
  count: string;
  until: string;
  note: string;
  allowOutsideHours: boolean;
}

/** The fields the booking form has inputs for, as Rust names them. */
export const BOOKING_FIELDS: readonly string[] = [
  'kind', 'counsellorId', 'roomId', 'attendeeIds', 'relationshipId', 'date', 'startTime', 'endTime', 'minutes',
  'repeat', 'repeat.everyWeeks', 'repeat.count', 'repeat.until', 'receptionNote',
];

export interface BookingPrefill {
  date?: string;
  startTime?: string;
  minutes?: number;
  counsellorId?: number;
  roomId?: number;
}

export function emptyBookingForm(kinds: readonly AppointmentKind[], prefill: BookingPrefill = {}): BookingForm {
  const kind = kinds.find((k) => k.code === 'individual') ?? kinds[0];
  return {
    relationshipId: '',
    attendeeIds: [],
    kind: kind?.code ?? '',
    counsellorId: prefill.counsellorId != null ? String(prefill.counsellorId) : '',
    roomId: prefill.roomId != null ? String(prefill.roomId) : '',
    date: prefill.date ?? '',
    startTime: prefill.startTime ?? '',
    minutes: String(prefill.minutes ?? kind?.defaultMinutes ?? ''),
    repeat: false,
    everyWeeks: '1',
    repeatEnd: 'count',
    count: '6',
    until: '',
    note: '',
    allowOutsideHours: false,
  };
}

export const defaultMinutes = (kinds: readonly AppointmentKind[], code: string): number | null =>
  kinds.find((k) => k.code === code)?.defaultMinutes ?? null;

/** A whole number typed in a text box; null when blank; NaN when it is not one. */
function wholeNumber(s: string): number | null {
  const t = s.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : NaN;
}

type Converted<T> = { input: T; errors?: undefined } | { input?: undefined; errors: Record<string, string> };

/**
 * The form as Rust's `BookingInput`. What cannot be sent at all (no counsellor chosen, letters
 * in a number) is reported here, at its field; everything else Rust checks and words.
 */
export function bookingInput(f: BookingForm): Converted<BookingInput> {
  const errors: Record<string, string> = {};
  if (f.attendeeIds.length === 0) errors.attendeeIds = 'Choose who is coming: search for the client first.';
  if (!f.kind) errors.kind = 'Choose the kind of appointment.';
  if (!f.counsellorId) errors.counsellorId = 'Choose a counsellor.';
  if (!f.roomId) errors.roomId = 'Choose a room.';
  const minutes = wholeNumber(f.minutes);
  if (Number.isNaN(minutes)) errors.minutes = 'Write the length in whole minutes, e.g. 50.';
  let repeat: BookingInput['repeat'] = null;
  if (f.repeat) {
    const every = wholeNumber(f.everyWeeks);
    if (every === null || Number.isNaN(every)) errors['repeat.everyWeeks'] = 'Write how many weeks apart, e.g. 1 for weekly or 2 for fortnightly.';
    if (f.repeatEnd === 'count') {
      const count = wholeNumber(f.count);
      if (count === null || Number.isNaN(count)) errors['repeat.count'] = 'Write how many appointments in all, e.g. 6.';
      repeat = { everyWeeks: every ?? 0, count: count ?? 0, until: null };
    } else {
      repeat = { everyWeeks: every ?? 0, count: null, until: f.until.trim() };
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      kind: f.kind,
      counsellorId: Number(f.counsellorId),
      roomId: Number(f.roomId),
      attendeeIds: [...f.attendeeIds],
      relationshipId: f.relationshipId ? Number(f.relationshipId) : null,
      date: f.date.trim(),
      startTime: f.startTime.trim(),
      endTime: null,
      minutes,
      repeat,
      receptionNote: f.note.trim() === '' ? null : f.note,
      allowOutsideHours: f.allowOutsideHours,
    },
  };
}

/** Worth a live clash check: someone, a counsellor, a room and a day and time that read as such. */
export function readyToCheck(f: BookingForm): boolean {
  if (f.attendeeIds.length === 0 || !f.counsellorId || !f.roomId || !f.kind) return false;
  if (!isDay(f.date) || !isClock(f.startTime)) return false;
  const m = wholeNumber(f.minutes);
  if (Number.isNaN(m)) return false;
  if (f.repeat) {
    const every = wholeNumber(f.everyWeeks);
    if (every === null || Number.isNaN(every)) return false;
    if (f.repeatEnd === 'count') {
      const c = wholeNumber(f.count);
      if (c === null || Number.isNaN(c)) return false;
    } else if (!isDay(f.until)) return false;
  }
  return true;
}

/** A free slot picked from the list fills the form's day and start. */
export function applySlot(f: BookingForm, slotStart: string): BookingForm {
  return { ...f, date: dayOf(slotStart), startTime: timeOf(slotStart) };
}

/** A range selected on the grid, as a booking's prefill. */
export function prefillFromSelection(start: Date, end: Date, column: string | undefined, group: Grouping): BookingPrefill {
  const s = fromCalendarDate(start);
  const prefill: BookingPrefill = { date: s.date, startTime: s.time };
  const minutes = minutesBetween(start, end);
  // A single click selects one slot: let the kind's default length stand.
  if (minutes > 30) prefill.minutes = minutes;
  const id = columnId(column, group);
  if (id !== null) {
    if (group === 'counsellor') prefill.counsellorId = id;
    else prefill.roomId = id;
  }
  return prefill;
}

// ---------- Relationships: who may come ----------

export interface PersonChoice {
  id: number;
  name: string;
  isClient: boolean;
}

export interface RelationshipChoice {
  id: number;
  label: string;
  members: PersonChoice[];
}

/** The relationship select: "Marriage: Maggie Okafor, David Okafor" for each relationship not ended. */
export function relationshipChoices(
  relationships: readonly { id: number; structureLabel: string; ended: boolean; members: readonly { id: number; displayName: string; isClient: boolean }[] }[],
): RelationshipChoice[] {
  return relationships
    .filter((r) => !r.ended)
    .map((r) => ({
      id: r.id,
      label: `${r.structureLabel}: ${r.members.map((m) => m.displayName).join(', ')}`,
      members: r.members.map((m) => ({ id: m.id, name: m.displayName, isClient: m.isClient })),
    }));
}

/** The people who may be ticked: the client alone, or the chosen relationship's people (client first). */
export function attendeeChoices(client: PersonChoice | null, relationship: RelationshipChoice | null): PersonChoice[] {
  if (!client) return [];
  if (!relationship) return [client];
  const others = relationship.members.filter((m) => m.id !== client.id);
  return [client, ...others];
}

// ---------- Moving and cancelling ----------

export interface MoveForm {
  date: string;
  startTime: string;
  minutes: string;
  counsellorId: string;
  roomId: string;
  scope: Scope;
  allowOutsideHours: boolean;
}

export const MOVE_FIELDS: readonly string[] = ['date', 'startTime', 'minutes', 'counsellorId', 'roomId', 'scope'];

export const moveFormFrom = (a: Appointment): MoveForm => ({
  date: dayOf(a.start),
  startTime: timeOf(a.start),
  minutes: String(a.minutes),
  counsellorId: String(a.counsellorId),
  roomId: String(a.roomId),
  scope: 'thisOne',
  allowOutsideHours: false,
});

/** The move as Rust's `RescheduleInput`; unchanged counsellor, room and length are left out. */
export function rescheduleInput(a: Appointment, f: MoveForm): Converted<RescheduleInput> {
  const minutes = wholeNumber(f.minutes);
  if (Number.isNaN(minutes)) return { errors: { minutes: 'Write the length in whole minutes, e.g. 50.' } };
  const counsellorId = Number(f.counsellorId);
  const roomId = Number(f.roomId);
  return {
    input: {
      key: a.key,
      scope: isSeries(a) ? f.scope : 'thisOne',
      date: f.date.trim(),
      startTime: f.startTime.trim(),
      minutes: minutes === null || minutes === a.minutes ? null : minutes,
      counsellorId: f.counsellorId && counsellorId !== a.counsellorId ? counsellorId : null,
      roomId: f.roomId && roomId !== a.roomId ? roomId : null,
      allowOutsideHours: f.allowOutsideHours,
    },
  };
}

/** A drag on the grid as a move of this one occurrence, to the column it was dropped in. */
export function dropInput(
  a: Appointment,
  start: Date,
  end: Date,
  newColumn: string | undefined,
  group: Grouping,
): RescheduleInput {
  const s = fromCalendarDate(start);
  const minutes = minutesBetween(start, end);
  const id = columnId(newColumn, group);
  return {
    key: a.key,
    scope: 'thisOne',
    date: s.date,
    startTime: s.time,
    minutes: minutes === a.minutes ? null : minutes,
    counsellorId: group === 'counsellor' && id !== null && id !== a.counsellorId ? id : null,
    roomId: group === 'room' && id !== null && id !== a.roomId ? id : null,
    allowOutsideHours: false,
  };
}

/** "Moved to Thursday 4 June 2026 at 11:00" for one occurrence; "3 appointments moved" for several. */
export function movedText(moved: readonly Pick<Appointment, 'start'>[]): string {
  if (moved.length === 1) return `Moved to ${longDay(dayOf(moved[0].start))} at ${timeOf(moved[0].start)}.`;
  return `${moved.length} appointments moved.`;
}

export function cancelledText(n: number): string {
  return n === 1 ? 'Appointment cancelled.' : `${n} appointments cancelled.`;
}

/** "Booked: Wednesday 3 June 2026 at 10:00" or "Booked 6 appointments from Wednesday 3 June 2026". */
export function bookedText(list: readonly Pick<Appointment, 'start'>[]): string {
  if (list.length === 0) return 'Booked.';
  const first = [...list].sort((a, b) => a.start.localeCompare(b.start))[0];
  if (list.length === 1) return `Booked: ${longDay(dayOf(first.start))} at ${timeOf(first.start)}.`;
  return `Booked ${list.length} appointments from ${longDay(dayOf(first.start))} at ${timeOf(first.start)}.`;
}

// ---------- Settings ----------

/** IANA zone names for the settings' select, with the current one kept even if unknown here. */
export function timeZoneChoices(current: string, known: readonly string[]): { value: string; label: string }[] {
  const all = new Set(known);
  if (current) all.add(current);
  return [...all].sort().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}

export const WEEKDAY_NAMES = WEEKDAYS;

export interface SettingsForm {
  timeZone: string;
  rooms: { id: number | null; name: string; active: boolean }[];
  /** Each counsellor's hours as one list, in the order Rust numbers them for errors. */
  counsellors: { counsellorId: number; name: string; hours: { weekday: number; starts: string; ends: string }[] }[];
  closedDays: { day: string; reason: string }[];
}

export function settingsForm(s: SchedulingSettings): SettingsForm {
  return {
    timeZone: s.timeZone,
    rooms: s.rooms.map((r) => ({ id: r.id ?? null, name: r.name, active: r.active })),
    counsellors: s.counsellors.map((c) => ({
      counsellorId: c.counsellorId,
      name: c.name,
      hours: [...c.hours].sort((a, b) => a.weekday - b.weekday || a.starts.localeCompare(b.starts)).map((h) => ({ ...h })),
    })),
    closedDays: [...s.closedDays].sort((a, b) => a.day.localeCompare(b.day)).map((d) => ({ ...d })),
  };
}

/** Sent as typed (Rust trims and checks); a room never saved has no id. */
export function settingsInput(f: SettingsForm): SchedulingSettingsInput {
  return {
    timeZone: f.timeZone,
    rooms: f.rooms.map((r) => ({ id: r.id, name: r.name, active: r.active })),
    counsellors: f.counsellors.map((c) => ({ counsellorId: c.counsellorId, name: c.name, hours: c.hours.map((h) => ({ ...h })) })),
    closedDays: f.closedDays.map((d) => ({ day: d.day, reason: d.reason })),
  };
}

/** Gives Tuesday to Friday the same hours as Monday, keeping the other days. */
export function copyMondayToWeekdays<H extends { weekday: number; starts: string; ends: string }>(hours: readonly H[]): { weekday: number; starts: string; ends: string }[] {
  const monday = hours.filter((h) => h.weekday === 1);
  const kept = hours.filter((h) => h.weekday === 1 || h.weekday > 5);
  const copies = [2, 3, 4, 5].flatMap((wd) => monday.map((h) => ({ weekday: wd, starts: h.starts, ends: h.ends })));
  return [...kept.map((h) => ({ weekday: h.weekday, starts: h.starts, ends: h.ends })), ...copies]
    .sort((a, b) => a.weekday - b.weekday || a.starts.localeCompare(b.starts));
}

/** "09:00–17:00" for each stretch of a weekday, or "Not working". */
export function hoursSummary(hours: readonly { weekday: number; starts: string; ends: string }[], weekday: number): string {
  const list = hours.filter((h) => h.weekday === weekday).map((h) => `${h.starts}–${h.ends}`);
  return list.length ? list.join(', ') : 'Not working';
}
