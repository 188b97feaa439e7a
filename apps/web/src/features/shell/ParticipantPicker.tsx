import { useId, useState } from 'react';
import type { PresenceParticipant } from '@roundtable/protocol/client';

/**
 * The people present who `keep` lets through, each once (a person may be connected from
 * several devices), sorted by name in the interface's language.
 */
export function presentPeople(
  presence: readonly PresenceParticipant[] | null,
  keep: (person: PresenceParticipant) => boolean,
  language: string,
): PresenceParticipant[] {
  return [...new Map((presence ?? []).filter(keep).map((p) => [p.id, p])).values()].sort((a, b) =>
    a.name.localeCompare(b.name, language),
  );
}

interface ParticipantPickerProps {
  /** Whom one may choose (see `presentPeople`). */
  people: readonly PresenceParticipant[];
  /** Who holds the part now (null: nobody). */
  current: string | null;
  /** The select's label, its "nobody" option, and the button's text (the caller's words). */
  label: string;
  nobody: string;
  setLabel: string;
  /** The select is `<testId>-select`, the button `<testId>-set`. */
  testId: string;
  /** A command is on its way: the button waits. */
  pending: boolean;
  /** Sends the choice (null: nobody); true once the server took it. */
  onSet(participantId: string | null): Promise<boolean>;
}

/** A facilitator's choice of one person present for a part (the case bringer, the minute-taker): a select and a button. */
export function ParticipantPicker({
  people,
  current,
  label,
  nobody,
  setLabel,
  testId,
  pending,
  onSet,
}: ParticipantPickerProps) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen ?? current ?? '';
  const unchanged = selected === (current ?? '');
  return (
    <div className="participant-picker">
      <div className="field field--compact">
        <label htmlFor={`${id}-person`}>{label}</label>
        <select
          id={`${id}-person`}
          data-testid={`${testId}-select`}
          value={selected}
          onChange={(e) => setChosen(e.target.value)}
        >
          <option value="">{nobody}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button--small"
        data-testid={`${testId}-set`}
        aria-disabled={pending || unchanged}
        onClick={() => {
          if (unchanged) return;
          void onSet(selected || null).then((ok) => ok && setChosen(null));
        }}
      >
        {setLabel}
      </button>
    </div>
  );
}
