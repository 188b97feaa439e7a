import { Server, type Socket } from 'socket.io';
import {
  SOCKET_PING_INTERVAL_MS,
  SOCKET_PING_TIMEOUT_MS,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '@roundtable/protocol';

/** The typed socket.io server every part of the app shares. */
export type RoundtableIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RoundtableSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Events between instances (socket.io serverSideEmit). */
export interface InterServerEvents {
  /** A session's facilitation state changed: refresh what is cached of it. */
  'meeting:changed': (sessionId: string) => void;
  /** People removed from a session (null: the whole session deleted): close their Yjs connections. */
  'people:revoked': (sessionId: string, participantIds: string[] | null) => void;
  /** Another instance changed a session's presence in the store: re-read it and send the diff. */
  'presence:touched': (sessionId: string) => void;
}

/** Largest socket.io message accepted; session control messages are small. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * Creates the socket.io server before anything that emits through it, so the
 * broadcaster and the services get it in their constructors; it is attached to the
 * http server later (SocketGateway.attach).
 */
export function createSocketServer(adapter?: Parameters<RoundtableIo['adapter']>[0]): RoundtableIo {
  const io: RoundtableIo = new Server({
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Other upgrade paths (/yjs/…) belong to the Yjs endpoint: do not destroy them.
    destroyUpgrade: false,
    serveClient: false,
    // Engine.io's defaults (25 s + 20 s) left a dead path looking connected for 45 s.
    pingInterval: SOCKET_PING_INTERVAL_MS,
    pingTimeout: SOCKET_PING_TIMEOUT_MS,
  });
  if (adapter) io.adapter(adapter);
  return io;
}
