// How backups read on screen: their size, when they were made, and how old the newest is.

/** "100.2 MB", "812 KB" */
export function sizeText(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/** "Sunday 2 March 2031 at 18:05", on this computer's clock. */
export function madeText(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  // Built from parts: engines differ on the comma after the weekday.
  const part = (o: Intl.DateTimeFormatOptions) => d.toLocaleDateString('en-GB', o);
  const day = `${part({ weekday: 'long' })} ${part({ day: 'numeric' })} ${part({ month: 'long' })} ${part({ year: 'numeric' })}`;
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  return `${day} at ${time}`;
}

/** A warning when the newest backup is older than two days (or there is none yet), else null. */
export function staleWarning(newest: string | null, now: Date): string | null {
  if (newest === null) return 'There is no backup yet.';
  const made = new Date(newest).getTime();
  if (Number.isNaN(made)) return null;
  const days = Math.floor((now.getTime() - made) / 86_400_000);
  return days >= 2 ? `The newest backup is ${days} days old. Is the backup drive connected?` : null;
}
