/**
 * mm:ss, or h:mm:ss from an hour on, of a non-negative duration. Rounded up by default:
 * a countdown shows 00:01 until the last second is over, as a kitchen timer does.
 */
export function formatDuration(ms: number, round: 'up' | 'down' = 'up'): string {
  const seconds = Math.max(0, ms) / 1000;
  const total = round === 'up' ? Math.ceil(seconds) : Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}
