// The reception calendar: settings, what is booked, booking, moving, cancelling, marking the
// day's arrivals, free slots, the waitlist and the printed appointment card and day sheet.
// Rust checks every role: reception sees and books for everyone, a counsellor only their own
// column; the settings are saved by an administrator. Nothing here is clinical.
import { call } from './client';
import type { HandoutPreview } from './bindings/HandoutPreview';
import type { PrintDone } from './bindings/PrintDone';
import type { Appointment } from './bindings/Appointment';
import type { AppointmentKind } from './bindings/AppointmentKind';
import type { AttendeeName } from './bindings/AttendeeName';
import type { Booked } from './bindings/Booked';
import type { BookingInput } from './bindings/BookingInput';
import type { CalendarQuery } from './bindings/CalendarQuery';
import type { CalendarView } from './bindings/CalendarView';
import type { CancelInput } from './bindings/CancelInput';
import type { Clash } from './bindings/Clash';
import type { ClashKind } from './bindings/ClashKind';
import type { ClosedDay } from './bindings/ClosedDay';
import type { CounsellorHours } from './bindings/CounsellorHours';
import type { FreeSlot } from './bindings/FreeSlot';
import type { HoursRow } from './bindings/HoursRow';
import type { Repeat } from './bindings/Repeat';
import type { RescheduleInput } from './bindings/RescheduleInput';
import type { Room } from './bindings/Room';
import type { SchedulingSettings } from './bindings/SchedulingSettings';
import type { SchedulingSettingsInput } from './bindings/SchedulingSettingsInput';
import type { Scope } from './bindings/Scope';
import type { SlotQuery } from './bindings/SlotQuery';
import type { WaitlistEntry } from './bindings/WaitlistEntry';
import type { WaitlistInput } from './bindings/WaitlistInput';

// The shared shapes, so the screens import one place.
export type {
  Appointment, AppointmentKind, AttendeeName, Booked, BookingInput, CalendarQuery, CalendarView, CancelInput, Clash, ClashKind, ClosedDay, CounsellorHours, FreeSlot, HoursRow, Repeat, RescheduleInput, Room, SchedulingSettings, SchedulingSettingsInput, Scope, SlotQuery, WaitlistEntry, WaitlistInput,
};

/** `a:12` for a stored appointment, `s:4:3` for occurrence 3 of series 4. */
export type AppointmentKey = Appointment['key'];

/** `booked`, `arrived`, `in_session`, `done`, `no_show` or `cancelled`. */
export type AppointmentStatus = 'booked' | 'arrived' | 'in_session' | 'done' | 'no_show' | 'cancelled';

export const schedulingSettings = () => call<SchedulingSettings>('scheduling_settings');

/** Administrators only; rooms left out are made inactive, never deleted. */
export const saveSchedulingSettings = (input: SchedulingSettingsInput) =>
  call<SchedulingSettings>('save_scheduling_settings', { input });

/** Some days of the calendar (1 to 42), with the columns the signed-in person may see. */
export const getCalendar = (query: CalendarQuery) => call<CalendarView>('calendar', { query });

/** What would stop this booking, without saving it (for the live list while the form is filled). */
export const checkBooking = (input: BookingInput) => call<Clash[]>('check_booking', { input });

/** Books a single appointment or a series; a clash fails with kind `clash` and its list. */
export const bookAppointment = (input: BookingInput) => call<Booked>('book_appointment', { input });

export const rescheduleAppointment = (input: RescheduleInput) =>
  call<Appointment[]>('reschedule_appointment', { input });

export const cancelAppointment = (input: CancelInput) => call<Appointment[]>('cancel_appointment', { input });

export const setAppointmentStatus = (key: AppointmentKey, status: AppointmentStatus) =>
  call<Appointment>('set_appointment_status', { key, status });

export const nextFreeSlots = (query: SlotQuery) => call<FreeSlot[]>('next_free_slots', { query });

export const listWaitlist = () => call<WaitlistEntry[]>('waitlist');

export const addToWaitlist = (input: WaitlistInput) => call<WaitlistEntry>('add_to_waitlist', { input });

export const removeFromWaitlist = (id: WaitlistEntry['id']) => call<null>('remove_from_waitlist', { id });

// ---------- Printing ----------

export const previewAppointmentCard = (key: AppointmentKey) =>
  call<HandoutPreview>('preview_appointment_card', { key });

export const printAppointmentCard = (key: AppointmentKey, printer: string, copies: number) =>
  call<PrintDone>('print_appointment_card', { key, printer, copies });

/** Asks where to save, then saves the card as a PDF. The path, or null when the person cancelled. */
export const saveAppointmentCard = (key: AppointmentKey) => call<string | null>('save_appointment_card', { key });

export const previewDaySheet = (day: string, counsellorIds: number[]) =>
  call<HandoutPreview>('preview_day_sheet', { day, counsellorIds });

export const printDaySheet = (day: string, counsellorIds: number[], printer: string, copies: number) =>
  call<PrintDone>('print_day_sheet', { day, counsellorIds, printer, copies });

/** Saves a counsellor's appointments as an .ics file (save dialog). The path, or null when cancelled. */
export const exportCalendar = (counsellorId: number) => call<string | null>('export_calendar', { counsellorId });
