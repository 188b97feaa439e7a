import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROOM_COUNT_CHOICES, type Tally, type VoteDto } from '@roundtable/protocol/client';
import { emitWithAck } from '../../lib/socket';
import { useSessionContext } from '../session/sessionContext';
import { ErrorAlert } from '../shell/ErrorAlert';
import { ackError, ROOM_COUNT_ERRORS } from './voteErrors';
import { votePanelHeadingId } from './voteText';

type RoomMethod = keyof typeof ROOM_COUNT_CHOICES;
const isRoomMethod = (m: VoteDto['method']): m is RoomMethod => m in ROOM_COUNT_CHOICES;

/**
 * Facilitator: hands counted in the room, per choice, for the whole room (api-v1 1.1
 * `vote:roomCounts`; per group through the API). Open or closed votes alike; saving again
 * replaces the counts.
 */
export function RoomCountsForm({ vote, tally }: { vote: VoteDto; tally: Tally | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const { socket } = useSessionContext();
  const method = vote.method;
  const choices: readonly string[] = isRoomMethod(method) ? ROOM_COUNT_CHOICES[method] : [];
  const [counts, setCounts] = useState<Record<string, string>>(() =>
    Object.fromEntries(choices.map((c) => [c, String(tally?.room?.counts[c] ?? 0)])),
  );
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!isRoomMethod(method)) return null;

  async function save() {
    if (busy) return;
    setBusy(true);
    setSaved(false);
    setError(null);
    const parsed = Object.fromEntries(choices.map((c) => [c, Number(counts[c] || 0)]));
    const res = await emitWithAck(socket, 'vote:roomCounts', { voteId: vote.id, counts: parsed });
    setBusy(false);
    if (res.ok) setSaved(true);
    else setError(ackError(res.error));
  }

  return (
    <form
      className="form room-counts"
      data-testid="room-counts-form"
      // Named by its heading and the vote's: several votes on a page each have their form.
      aria-labelledby={`${id}-heading ${votePanelHeadingId(vote.id)}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h4 id={`${id}-heading`}>{t('votes.room.heading')}</h4>
      <p className="hint" id={`${id}-hint`}>
        {t('votes.room.hint')}
      </p>
      <div className="room-counts__fields">
        {choices.map((c) => (
          <label key={c} className="room-counts__field">
            <span>{t(`votes.choices.${method}.${c}` as 'votes.choices.approval.for')}</span>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              required
              aria-describedby={`${id}-hint`}
              data-testid={`room-count-${c}`}
              value={counts[c] ?? '0'}
              onChange={(e) => setCounts((old) => ({ ...old, [c]: e.target.value }))}
            />
          </label>
        ))}
      </div>
      <button type="submit" className="button" data-testid="room-counts-save" aria-disabled={busy}>
        {busy ? t('votes.room.saving') : t('votes.room.submit')}
      </button>
      <p role="status" className="form__status">
        {saved && t('votes.room.saved')}
      </p>
      <ErrorAlert error={error} overrides={ROOM_COUNT_ERRORS} />
    </form>
  );
}

/** "N votes counted in the room: For 3, Against 1", under the results, when any were entered. */
export function RoomCountsLine({ vote, tally }: { vote: VoteDto; tally: Tally | undefined }) {
  const { t } = useTranslation();
  const room = tally?.room;
  if (!room || !isRoomMethod(vote.method)) return null;
  const method = vote.method;
  const detail = ROOM_COUNT_CHOICES[method]
    .filter((c) => (room.counts[c] ?? 0) > 0)
    .map((c) => `${t(`votes.choices.${method}.${c}` as 'votes.choices.approval.for')} ${room.counts[c]}`)
    .join(', ');
  return (
    <p className="hint room-counts__line" data-testid="room-counts-line">
      {t('votes.room.counted', { count: room.ballots, detail })}
    </p>
  );
}
