import { useEffect, useState } from 'react';
import { serverTimeAt } from '@roundtable/domain';

/**
 * The server's time, refreshed every second while `active`. Ticks fall just after each
 * whole server second, so every screen turns its countdown at the same moment (within
 * the precision of its clock offset) rather than somewhere within the second.
 */
export function useServerNow(offsetMs: number, active = true): number {
  const [now, setNow] = useState(() => serverTimeAt(Date.now(), offsetMs));
  useEffect(() => {
    const tick = () => setNow(serverTimeAt(Date.now(), offsetMs));
    tick();
    if (!active) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = () => {
      const intoSecond = serverTimeAt(Date.now(), offsetMs) % 1000;
      // A few ms past the boundary, so rounding never shows the second just left.
      timer = setTimeout(
        () => {
          tick();
          schedule();
        },
        1000 - intoSecond + 5,
      );
    };
    schedule();
    return () => clearTimeout(timer);
  }, [offsetMs, active]);
  return now;
}
