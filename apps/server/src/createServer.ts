import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Logger } from 'pino';
import { RETENTION_SWEEP_MS } from '@roundtable/protocol';
import { voteRecommendationIds } from '@roundtable/domain';
import { Admission } from './auth/Admission.js';
import { TokenService } from './auth/tokens.js';
import { DocRegistry } from './collab/DocRegistry.js';
import { DraftFreezes, RegistryDraftGate, type DraftGate } from './collab/DraftGate.js';
import { YjsUpgrade, type CollabTuning } from './collab/YjsUpgrade.js';
import { LocalDocBus, type DocBus } from './collab/DocBus.js';
import { RedisDocBus } from './collab/RedisDocBus.js';
import type { Config } from './config.js';
import { createTimedHttpServer } from './http/connectionTimeouts.js';
import { createHttpApp } from './http/createHttpApp.js';
import { pathOnly } from './logger.js';
import { InMemoryPresenceStore } from './presence/InMemoryPresenceStore.js';
import type { PresenceStore } from './presence/PresenceStore.js';
import { RedisPresenceStore } from './presence/RedisPresenceStore.js';
import { SocketGateway } from './realtime/SocketGateway.js';
import { createSocketServer } from './realtime/socketServer.js';
import { Broadcaster } from './app/Broadcaster.js';
import { createEventHandlers } from './app/eventHandlers.js';
import { PresenceKeeper } from './presence/PresenceKeeper.js';
import { SessionService } from './sessions/SessionService.js';
import { VersionService } from './versions/VersionService.js';
import { PeopleService } from './people/PeopleService.js';
import { SeenRecorder } from './people/SeenRecorder.js';
import { RoomCountService } from './votes/RoomCountService.js';
import { VoteService } from './votes/VoteService.js';
import { AmendmentService } from './amendments/AmendmentService.js';
import { HistoryService, type SavedVersionLimits } from './history/HistoryService.js';
import { EditRecorder } from './collab/EditRecorder.js';
import { FacilitationService } from './facilitation/FacilitationService.js';
import { ReportService } from './report/ReportService.js';
import { QuestionService } from './questions/QuestionService.js';
import { PgStorage } from './storage/PgStorage.js';
import { SqliteStorage } from './storage/SqliteStorage.js';
import type { Storage } from './storage/Storage.js';

/**
 * Connections the kernel may hold before the server accepts them (Node's default is 511; the
 * kernel caps it at net.core.somaxconn). A venue joining at once, or every phone reconnecting
 * after a Wi-Fi hiccup, opens thousands within a second: past the queue their SYNs are
 * dropped and retried after 1, 3, 7, 15 s, which is how long they then wait to connect.
 * (Found by the presence storm bench: 3,529 listen overflows, the last of 2,000 clients
 * connected after 20 s.)
 */
const LISTEN_BACKLOG = 4096;

/** Name of the SQLite file inside DATA_DIR. */
export const SQLITE_FILE = 'roundtable.sqlite';

export interface RoundtableServer {
  readonly http: HttpServer;
  readonly storage: Storage;
  /** The documents live on this instance. */
  readonly docs: DocRegistry;
  readonly drafts: DraftGate;
  /** Listens on config.port (0: any free port) and resolves with the bound port. */
  listen(): Promise<number>;
  /** Graceful stop: stop accepting, flush every document, close sockets and stores. */
  close(): Promise<void>;
}

/** Timings that are constants in production; tests shorten them instead of waiting. */
export type ServerTuning = CollabTuning & {
  /** FIRST_REQUEST_TIMEOUT_MS (connectionTimeouts.ts). */
  firstRequestTimeoutMs?: number;
  /** Defaults to RETENTION_SWEEP_MS. */
  retentionSweepMs?: number;
  /** Caps and rate of saved versions; default the protocol's MAX_SAVED_VERSIONS_* and VERSION_SAVE_RATE. */
  savedVersions?: Partial<SavedVersionLimits>;
};

/**
 * The socket.io Redis adapter (8.3) calls `publish` without handling the promise node-redis
 * returns, so a broadcast in flight when Redis goes away rejected unhandled and killed the
 * process (found by test/faults.test.ts, Redis restart). This view of the client catches it:
 * socket.io broadcasts are at-most-once by design (see docs/architecture.md). node-redis
 * itself makes such views with Object.create (withCommandOptions), so the rest behaves as is.
 */
function withCaughtPublish<C extends ReturnType<typeof createClient>>(client: C, log: Logger): C {
  const view = Object.create(client) as C;
  const publish = (channel: string, message: string) =>
    client.publish(channel, message).catch((err: unknown) => {
      log.warn({ err, channel }, 'socket.io broadcast to other instances lost');
      return 0;
    });
  Object.defineProperty(view, 'publish', { value: publish });
  return view;
}

/** Wires config, stores, Redis, http, socket.io and the Yjs endpoint. */
export async function createRoundtableServer(
  config: Config,
  log: Logger,
  tuning: ServerTuning = {},
): Promise<RoundtableServer> {
  const storage: Storage = config.databaseUrl
    ? new PgStorage(config.databaseUrl, config.databaseSchema)
    : new SqliteStorage(join(config.dataDir, SQLITE_FILE));
  await storage.migrate();

  const instanceId = randomUUID();
  type RedisClient = ReturnType<typeof createClient>;
  const redisClients: RedisClient[] = [];
  let presence: PresenceStore;
  let adapter: ReturnType<typeof createAdapter> | undefined;
  const readinessChecks: (() => Promise<boolean>)[] = [];
  let redis: { client: RedisClient; reader: RedisClient; subscriber: RedisClient } | undefined;
  if (config.redisUrl) {
    const redisLog = log.child({ module: 'redis' });
    const client = createClient({ url: config.redisUrl });
    // socket.io's adapter, blocking stream reads and document pub/sub each need a connection of their own.
    const sub = client.duplicate();
    const reader = client.duplicate();
    const subscriber = client.duplicate();
    for (const c of [client, sub, reader, subscriber]) {
      c.on('error', (err: unknown) => redisLog.warn({ err }, 'redis error'));
      redisClients.push(c);
    }
    await Promise.all(redisClients.map((c) => c.connect()));
    redis = { client, reader, subscriber };
    presence = new RedisPresenceStore(client, config.redisPrefix);
    adapter = createAdapter(withCaughtPublish(client, redisLog), sub, { key: `${config.redisPrefix}:socket.io` });
    readinessChecks.push(() => presence.ping());
  } else {
    presence = new InMemoryPresenceStore();
  }

  // The socket.io server and the broadcaster come first: every service that tells live
  // clients gets the broadcaster in its constructor. socket.io is attached to http below.
  const io = createSocketServer(adapter);
  const broadcaster = new Broadcaster(io, adapter !== undefined);

  const tokens = new TokenService(config.secret);
  const admission = new Admission(tokens, storage);
  const bus: DocBus = redis
    ? new RedisDocBus(
        redis.client,
        redis.reader,
        redis.subscriber,
        config.redisPrefix,
        instanceId,
        log.child({ module: 'docbus' }),
      )
    : new LocalDocBus();
  // Dependencies flow one way: freezes -> documents -> draft gate (votes) and eraser
  // (facilitation) -> the Yjs endpoint, whose notes policy asks facilitation. Facilitation
  // needs only the erase capability of the documents, not the endpoint, so it is built
  // before the endpoint and nothing is set after construction.
  const collabLog = log.child({ module: 'collab' });
  const freezes = new DraftFreezes(storage, bus, collabLog, tuning.freezeCheckMs);
  const edits = new EditRecorder(storage.history, collabLog);
  const docs = new DocRegistry(storage, bus, freezes, collabLog, edits);
  const drafts = new RegistryDraftGate(freezes, docs);
  const history = new HistoryService(storage, docs, log.child({ module: 'history' }), undefined, tuning.savedVersions);
  const amendments = new AmendmentService(storage, docs, history, broadcaster, log.child({ module: 'amendments' }));
  // Versions are kept at every vote opened about a draft and every decision (api-v1 1.1).
  const votes = new VoteService(storage, drafts, broadcaster, config.secret, log.child({ module: 'votes' }), {
    voteOpened: async (vote) => {
      if (vote.amendmentId) await amendments.voteChanged(vote.sessionId, vote.amendmentId);
      const about = voteRecommendationIds(vote);
      for (const id of about) await history.recordQuietly(vote.sessionId, id, 'vote_opened', { voteId: vote.id });
    },
    voteClosed: async (vote) => {
      if (vote.amendmentId) await amendments.voteChanged(vote.sessionId, vote.amendmentId);
    },
    decided: (sessionId, recommendationId) => history.recordQuietly(sessionId, recommendationId, 'decided'),
  });
  const roomCounts = new RoomCountService(storage, presence, votes);
  const versions = new VersionService(storage, docs);
  const facilitation = new FacilitationService(
    storage,
    presence,
    docs,
    broadcaster,
    log.child({ module: 'facilitation' }),
  );
  const questions = new QuestionService(storage, broadcaster, log.child({ module: 'questions' }));
  const seen = new SeenRecorder(storage, log.child({ module: 'people' }));
  const people = new PeopleService(
    storage,
    tokens,
    votes,
    docs,
    presence,
    seen,
    broadcaster,
    { refreshMeeting: (sessionId) => facilitation.refresh(sessionId) },
    questions,
    log.child({ module: 'people' }),
  );
  const sessions = new SessionService(storage, tokens, people);
  const sweepRetention = () => {
    people.anonymiseDue().catch((err: unknown) => log.warn({ err }, 'retention sweep failed'));
  };
  const retention = setInterval(sweepRetention, tuning.retentionSweepMs ?? RETENTION_SWEEP_MS);
  retention.unref();
  sweepRetention();
  // Another instance changed a session's meeting state: refresh what we cache of it.
  broadcaster.onMeetingChanged((sessionId) => {
    facilitation.refresh(sessionId).catch((err: unknown) => log.warn({ err }, 'meeting refresh failed'));
  });
  const yjs = new YjsUpgrade(
    {
      docs,
      storage,
      admission,
      notes: {
        prepare: (sessionId) => facilitation.ensureLoaded(sessionId),
        canPost: (sessionId, participantId, role) => facilitation.canPostNotes(sessionId, participantId, role),
        isErased: (sessionId) => facilitation.notesErased(sessionId),
      },
      minutes: {
        prepare: (sessionId) => facilitation.ensureLoaded(sessionId),
        canPost: (sessionId, participantId, role) => facilitation.canWriteMinutes(sessionId, participantId, role),
      },
      log: collabLog,
    },
    tuning,
  );
  const realtimeLog = log.child({ module: 'realtime' });
  const keeper = new PresenceKeeper(presence, () => io.of('/').sockets.values(), broadcaster, instanceId, realtimeLog);
  broadcaster.onPresenceTouched((sessionId) => keeper.touchedElsewhere(sessionId));
  const handlers = createEventHandlers(
    { votes, roomCounts, versions, amendments, facilitation, presence: keeper, questions },
    realtimeLog,
  );
  const gateway = new SocketGateway(io, admission, handlers, keeper, seen, realtimeLog);
  // Removed people and deleted sessions: their Yjs connections here are closed (socket.io
  // ones are disconnected through the adapter by the broadcaster).
  broadcaster.onRevoked((sessionId, participantIds) => yjs.revoke(sessionId, participantIds));
  await votes.resumeTimers();
  const app = createHttpApp(
    {
      sessions,
      people,
      votes,
      versions,
      amendments,
      history,
      facilitation,
      questions,
      reports: new ReportService(storage, drafts),
      tokens,
      admission,
      drafts,
      presence,
      storage,
      events: broadcaster,
      readinessChecks,
    },
    { webDist: config.webDist, trustProxy: config.trustProxy },
    log.child({ module: 'http' }),
  );
  const http = createTimedHttpServer(app, tuning.firstRequestTimeoutMs);
  gateway.attach(http);
  const upgradeLog = log.child({ module: 'upgrade' });
  http.on('upgrade', (req, socket, head) => {
    // socket.io handles its own path; everything else that is not /yjs/ is refused.
    if (req.url?.startsWith('/socket.io/')) return;
    if (!yjs.handleUpgrade(req, socket, head)) {
      // The path only: a Yjs URL's query carries the token.
      upgradeLog.info({ path: pathOnly(req.url) }, 'upgrade refused: unknown path');
      socket.destroy();
    }
  });

  let closed: Promise<void> | undefined;
  return {
    http,
    storage,
    docs,
    drafts,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
          const address = http.address();
          resolve(typeof address === 'object' && address ? address.port : config.port);
        });
      }),
    close: () =>
      (closed ??= (async () => {
        http.close();
        clearInterval(retention);
        votes.stop();
        questions.stop();
        await yjs.close();
        await edits.close();
        await bus.close();
        await gateway.close();
        await seen.flush();
        http.closeAllConnections();
        await presence.close();
        await Promise.all(redisClients.map((c) => c.close().catch(() => undefined)));
        await storage.close();
      })()),
  };
}
