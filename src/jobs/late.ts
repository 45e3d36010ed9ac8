// A live fixing published after its fixing time says so: the grace period and the note that flags it.

/** The scheduled run fires at the fixing time and takes seconds; later than this means the run was missed. */
export const LATE_GRACE_MS = 15 * 60_000;

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

/** "late publication: ..." when `publishedAt` is more than the grace period after `fixingTime`, else null. */
export function lateNote(fixingTime: string, publishedAt: string, graceMs = LATE_GRACE_MS): string | null {
  const delay = Date.parse(publishedAt) - Date.parse(fixingTime);
  if (!(delay > graceMs)) return null;
  return `late publication: published ${publishedAt}, ${duration(delay)} after the fixing time ${fixingTime} (the scheduled run was missed)`;
}

/** The draft's note with the late flag appended when the publication is late. */
export function withLateNote(note: string | null, fixingTime: string, publishedAt: string): string | null {
  const late = lateNote(fixingTime, publishedAt);
  if (late === null) return note;
  return note ? `${note}; ${late}` : late;
}
