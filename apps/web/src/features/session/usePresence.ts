import { useEffect, useRef, useState } from 'react';
import { PresenceMirror } from '@roundtable/domain';
import type { PresenceParticipant } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { emitWithAck, useSocketEvent, type SessionSocket, type SocketStatus } from '../../lib/socket';

/**
 * Who is online, kept live: the server sends the whole list when the socket connects
 * (`presence:updated`), then deltas (`presence:changed`) that the mirror applies in revision
 * order; a skipped revision asks `presence:sync` for the list again. Each (re)connection
 * starts from a new list, as the revisions belong to the server instance reached.
 */
export function usePresence(
  sessionId: string,
  token: string,
  socket: SessionSocket | null,
  status: SocketStatus,
): PresenceParticipant[] | null {
  const mirror = useRef(new PresenceMirror());
  const [presence, setPresence] = useState<PresenceParticipant[] | null>(null);
  const heard = useRef(false);

  const show = () => {
    heard.current = true;
    setPresence(mirror.current.participants);
  };
  const resync = () => {
    void emitWithAck(socket, 'presence:sync', undefined).then((ack) => {
      if (!ack.ok || ack.sessionId !== sessionId) return;
      if (mirror.current.snapshot(ack) === 'gap') resync();
      else show();
    });
  };

  useEffect(() => {
    if (status !== 'connected') return;
    // The list comes with the connection; the GET only fills the gap should it be late.
    const abort = new AbortController();
    api.getPresence(sessionId, token, abort.signal).then(
      ({ participants }) => {
        if (!heard.current) setPresence(participants);
      },
      () => {
        // Not fatal: the server sends the list on connect.
      },
    );
    return () => abort.abort();
  }, [status, sessionId, token]);

  useSocketEvent(socket, 'presence:updated', (list) => {
    if (list.sessionId !== sessionId) return;
    if (mirror.current.snapshot(list) === 'gap') resync();
    show();
  });

  useSocketEvent(socket, 'presence:changed', (delta) => {
    if (delta.sessionId !== sessionId) return;
    const result = mirror.current.changed(delta);
    if (result === 'gap') resync();
    else if (result === 'applied') show();
  });

  // A new connection starts again from the list it brings.
  useEffect(() => {
    if (status === 'disconnected') mirror.current = new PresenceMirror();
  }, [status]);

  return presence;
}
