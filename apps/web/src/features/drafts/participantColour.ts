/**
 * Caret colours. Each is dark enough for white label text (contrast >= 4.5:1) and they stay
 * apart for the common colour-vision deficiencies as far as 8 colours can; the caret label
 * always shows the name too, so colour is never the only cue. Six-digit hex only: that is
 * all CollaborationCaret accepts.
 */
const CARET_COLOURS = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7e22ce', // purple
  '#9a3412', // brown
  '#0f766e', // teal
  '#be185d', // pink
  '#374151', // slate
] as const;

/** A stable colour per participant, the same on every screen (FNV-1a hash of the id). */
export function participantColour(participantId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < participantId.length; i++) {
    hash ^= participantId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return CARET_COLOURS[(hash >>> 0) % CARET_COLOURS.length]!;
}
