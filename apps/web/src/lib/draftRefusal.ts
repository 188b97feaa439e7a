import { YJS_CLOSE, YJS_CLOSE_REASON } from '@roundtable/protocol/client';

/**
 * Why the server closed the document for good (y-websocket stops retrying on these).
 * `erased`: intervision notes deleted by the facilitator (`intervision:erase`).
 * `too_large`: the last change would take the draft past `MAX_DRAFT_BYTES` (or its frame past
 * `MAX_YJS_MESSAGE_BYTES`); it was not saved, and retrying would only send it again.
 */
export type DraftRefusal = 'unauthorized' | 'not_found' | 'erased' | 'too_large' | 'error';

/**
 * Close codes after which reconnecting cannot help. Other 44xx codes, notably `tooSlow`, are
 * worth a retry: an observer on a poor phone link must not be cut off for good.
 */
const TERMINAL_CLOSES = new Map<number, DraftRefusal>([
  [YJS_CLOSE.unauthorized, 'unauthorized'],
  [YJS_CLOSE.notFound, 'not_found'],
  [YJS_CLOSE.malformedMessage, 'error'],
  // This tab's copy holds the refused change: each reconnection would send it again.
  [YJS_CLOSE.documentTooLarge, 'too_large'],
  [YJS_CLOSE.messageTooLarge, 'too_large'],
  [YJS_CLOSE.awarenessTooLarge, 'error'],
]);

/**
 * What a close from the server means for a draft: a refusal for good (no reconnection), or
 * null when reconnecting may help.
 */
export function refusalOf(code: number, reason: string): DraftRefusal | null {
  // Never reconnect after an erasure: the sync handshake would send this tab's copy of the
  // erased notes back to the server. Erased notes close with the code of a missing document,
  // told apart by their reason.
  if (code === YJS_CLOSE.notFound && reason === YJS_CLOSE_REASON.erased) return 'erased';
  return TERMINAL_CLOSES.get(code) ?? null;
}
