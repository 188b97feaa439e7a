import { useCallback, useRef, useState } from 'react';
import type { ErrorCode, EventPayload, FacilitationEvent } from '@roundtable/protocol/client';
import { emitWithAck } from '../../lib/socket';
import type { ErrorKey } from '../shell/ErrorAlert';
import { useSessionContext } from '../session/sessionContext';
import { ackError } from '../votes/voteErrors';

/** The payload of each facilitation command, as protocol's CLIENT_EVENTS defines it. */
export type MeetingCommands = { [E in Exclude<FacilitationEvent, 'meeting:get'>]: EventPayload<E> };

/** What the generic codes mean for meeting commands (the server's English message is never shown). */
export const MEETING_ERRORS: Partial<Record<ErrorCode, ErrorKey>> = {
  conflict: 'errors.meetingConflict',
  not_found: 'errors.meetingNotFound',
  forbidden: 'errors.meetingForbidden',
  invalid_request: 'errors.meetingInvalid',
};

export interface MeetingCommand {
  /** Sends a command; resolves true once the server acknowledged it (its state is then shown). */
  send: <E extends keyof MeetingCommands>(event: E, payload: MeetingCommands[E], tag?: string) => Promise<boolean>;
  /** The tag (by default the event) of the command awaiting its ack, for "busy" labels. */
  pending: string | null;
  /** The last refusal, for ErrorAlert with MEETING_ERRORS. */
  error: unknown;
}

/**
 * Sends facilitation commands one at a time (a double click sends nothing twice) and shows
 * the acknowledged state at once, without waiting for the broadcast.
 */
export function useMeetingCommand(): MeetingCommand {
  const { socket, acceptMeeting } = useSessionContext();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = useRef(false);

  const send = useCallback(
    async <E extends keyof MeetingCommands>(event: E, payload: MeetingCommands[E], tag: string = event) => {
      if (busy.current) return false;
      busy.current = true;
      setPending(tag);
      setError(null);
      try {
        const res = await emitWithAck(socket, event, payload);
        if (res.ok) acceptMeeting(res.state);
        else setError(ackError(res.error));
        return res.ok;
      } finally {
        busy.current = false;
        setPending(null);
      }
    },
    [socket, acceptMeeting],
  );

  return { send, pending, error };
}
