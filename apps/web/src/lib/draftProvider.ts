import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { type DraftRefusal, refusalOf } from './draftRefusal';

/** One open draft: its document and the provider that syncs it. */
export interface Draft {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
}

/**
 * - `connecting`: not synced yet since the draft was opened;
 * - `connected`: connected and synced with the server;
 * - `reconnecting`: was synced, lost the link, y-websocket is retrying;
 * - `offline`: the browser says there is no network at all.
 */
export type DraftConnection = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export type { DraftRefusal } from './draftRefusal';

export interface DraftStatus {
  connection: DraftConnection;
  refusal: DraftRefusal | null;
  /** Local edits were made while not connected & synced; cleared by the next sync. */
  unsynced: boolean;
}

/** `/yjs` on this origin, with the websocket scheme that matches the page's. */
function yjsServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/yjs`;
}

interface Options {
  /** Observers must not broadcast a cursor: they get no awareness state at all. */
  broadcastAwareness: boolean;
  /** Whether this person can edit, so "unsynced changes" can ever apply. */
  trackLocalChanges: boolean;
}

const INITIAL_STATUS: DraftStatus = { connection: 'connecting', refusal: null, unsynced: false };

/**
 * Opens the Y.Doc of one recommendation's draft and a y-websocket provider for it, and reports
 * the connection in words the UI can show. Everything is destroyed on unmount or when the
 * document or token changes.
 */
export function useDraft(
  docName: string,
  token: string,
  options: Options,
): { draft: Draft | null; status: DraftStatus } {
  const { broadcastAwareness, trackLocalChanges } = options;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<DraftStatus>(INITIAL_STATUS);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const awareness = new Awareness(ydoc);
    // Before the provider exists, so not even the first awareness message carries a state.
    if (!broadcastAwareness) awareness.setLocalState(null);

    let everSynced = false;
    let unsynced = false;
    let refusal: DraftRefusal | null = null;

    const provider = new WebsocketProvider(yjsServerUrl(), docName, ydoc, {
      params: { token },
      awareness,
      shouldReconnect: (event) => refusalOf(event.code, event.reason) === null,
    });

    const isLive = () => provider.wsconnected && provider.synced && navigator.onLine;

    const publish = () => {
      let connection: DraftConnection;
      if (!navigator.onLine) connection = 'offline';
      else if (isLive()) connection = 'connected';
      else connection = everSynced ? 'reconnecting' : 'connecting';
      setStatus((prev) =>
        prev.connection === connection && prev.refusal === refusal && prev.unsynced === unsynced
          ? prev // y-websocket emits often; re-render only on a visible change
          : { connection, refusal, unsynced },
      );
    };

    const onSync = (synced: boolean) => {
      if (synced) {
        everSynced = true;
        // The sync exchange sends the server everything it lacks, edits made offline included.
        unsynced = false;
      }
      publish();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // Updates applied by the provider come from the server (or another tab); the rest are ours.
      if (trackLocalChanges && origin !== provider && !isLive() && !unsynced) {
        unsynced = true;
        publish();
      }
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      refusal = refusalOf(code, reason) ?? 'error';
      publish();
    };
    const onOnline = () => {
      if (!refusal && (unsynced || !provider.wsconnected)) {
        // Reconnect now rather than after y-websocket's backoff, and with pending edits
        // reconnect even if the socket looks open: it may be a dead one, and the handshake of
        // a fresh connection is what confirms (by 'sync') that the server has everything.
        provider.disconnect();
        provider.connect();
      }
      publish();
    };

    provider.on('status', publish);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    ydoc.on('update', onUpdate);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', publish);

    publish();
    setDraft({ ydoc, provider });

    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', publish);
      ydoc.off('update', onUpdate);
      setDraft(null);
      // disconnect() inside destroy() tells the others our caret is gone before closing.
      provider.destroy();
      // Also destroys the awareness (it listens to the doc's 'destroy').
      ydoc.destroy();
    };
  }, [docName, token, broadcastAwareness, trackLocalChanges]);

  return { draft, status };
}
