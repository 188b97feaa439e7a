import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { type DraftRefusal, refusalOf } from './draftRefusal';
import { SyncWatch } from './syncWatch';

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
  /**
   * Shown as "unsynced changes": some local changes are not confirmed by the server (by state
   * vector, `SyncWatch`), and either the link is not live or they have waited over
   * `UNSYNCED_GRACE_MS`. Not shown for the short wait of every keystroke.
   */
  unsynced: boolean;
  /** Local changes the server has not confirmed yet, however short the wait. */
  pending: number;
}

/** `/yjs` on this origin, with the websocket scheme that matches the page's. */
function yjsServerUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/yjs`;
}

interface Options {
  /** Observers must not broadcast a cursor: they get no awareness state at all. */
  broadcastAwareness: boolean;
  /**
   * Whether this person writes here now. Read-only (observers, frozen drafts, a listening case
   * bringer), the document sends nothing and has no local store: it shows the server's copy.
   */
  editable: boolean;
  /**
   * The person (participant id) whose pending changes this browser keeps, per document, in
   * IndexedDB, so a reload, a closed tab or a flat battery loses none; they are merged and
   * sent on the next connection. Omitted: nothing is kept (the projector).
   */
  person?: string;
}

/** Pending changes younger than this are the normal wait of typing: not shown as unsynced. */
const UNSYNCED_GRACE_MS = 2_000;

const INITIAL_STATUS: DraftStatus = { connection: 'connecting', refusal: null, unsynced: false, pending: 0 };

/** The IndexedDB database holding one person's copy of one document. */
export const localStoreName = (person: string, docName: string) => `roundtable:${person}:${docName}`;

/**
 * Opens the Y.Doc of one recommendation's draft and a y-websocket provider for it, and reports
 * the connection in words the UI can show. Editable, the person's pending changes are also kept
 * in IndexedDB. Everything is destroyed on unmount or when the document, token or role changes.
 */
export function useDraft(
  docName: string,
  token: string,
  options: Options,
): { draft: Draft | null; status: DraftStatus } {
  const { broadcastAwareness, editable, person } = options;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<DraftStatus>(INITIAL_STATUS);

  useEffect(() => {
    const ydoc = new Y.Doc();
    const awareness = new Awareness(ydoc);
    // Before the provider exists, so not even the first awareness message carries a state.
    if (!broadcastAwareness) awareness.setLocalState(null);

    let everSynced = false;
    let refusal: DraftRefusal | null = null;

    const provider = new WebsocketProvider(yjsServerUrl(), docName, ydoc, {
      params: { token },
      awareness,
      shouldReconnect: (event) => refusalOf(event.code, event.reason) === null,
      // Other tabs of this browser may be other people, observers among them: a read-only copy
      // must reach no editor's tab either.
      disableBc: !editable,
    });
    // Read-only copies keep nothing: there is nothing of theirs to lose, and a cached copy
    // must never be what an observer shows, or sends.
    const store = editable && person ? new IndexeddbPersistence(localStoreName(person, docName), ydoc) : null;

    const isLive = () => provider.wsconnected && provider.synced && navigator.onLine;

    const publish = () => {
      let connection: DraftConnection;
      if (!navigator.onLine) connection = 'offline';
      else if (isLive()) connection = 'connected';
      else connection = everSynced ? 'reconnecting' : 'connecting';
      const pending = watch.pending;
      const unsynced = pending > 0 && (!isLive() || watch.pendingFor() > UNSYNCED_GRACE_MS);
      setStatus((prev) =>
        prev.connection === connection &&
        prev.refusal === refusal &&
        prev.unsynced === unsynced &&
        prev.pending === pending
          ? prev // y-websocket emits often; re-render only on a visible change
          : { connection, refusal, unsynced, pending },
      );
    };
    const watch = new SyncWatch(provider, { readOnly: !editable, onChange: publish });

    const onSync = (synced: boolean) => {
      if (synced) everSynced = true;
      publish();
    };
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      refusal = refusalOf(code, reason) ?? 'error';
      // Erased or gone, the local copy must not come back with the next visit either; too
      // large, it holds the change the server will always refuse, which a reload would resend.
      if (store && (refusal === 'erased' || refusal === 'not_found' || refusal === 'too_large')) {
        void store.clearData();
      }
      publish();
    };
    const onOnline = () => {
      if (!refusal && (watch.pending > 0 || !provider.wsconnected)) {
        // Reconnect now rather than after y-websocket's backoff, and with pending edits
        // reconnect even if the socket looks open: it may be a dead one, and the handshake of
        // a fresh connection is what sends the server what it lacks.
        provider.disconnect();
        provider.connect();
      }
      publish();
    };

    provider.on('status', publish);
    provider.on('sync', onSync);
    provider.on('closed', onClosed);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', publish);

    publish();
    setDraft({ ydoc, provider });

    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', publish);
      watch.destroy();
      setDraft(null);
      // disconnect() inside destroy() tells the others our caret is gone before closing.
      provider.destroy();
      // Also destroys the awareness and the local store (both listen to the doc's 'destroy').
      ydoc.destroy();
    };
  }, [docName, token, broadcastAwareness, editable, person]);

  return { draft, status };
}
