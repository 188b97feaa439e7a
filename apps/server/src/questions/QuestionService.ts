import { randomUUID } from 'node:crypto';
import {
  checkAsk,
  checkModerate,
  checkProject,
  checkUpvote,
  privateAuthors,
  questionsView,
  type QuestionCheck,
  type QuestionFacts,
  type QuestionViewer,
} from '@roundtable/domain';
import type { ParsedPayload, QuestionDto, QuestionsView } from '@roundtable/protocol';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { ListedQuestion, Storage } from '../storage/Storage.js';

/** The views of one change, each for its audience (the Broadcaster sends them to rooms). */
export interface QuestionsBroadcast {
  /** Every question, authors named: to the facilitators' room. */
  facilitators: QuestionsView;
  /** Approved and answered ones: to everyone else. */
  others: QuestionsView;
  /**
   * People whose view is their own (authors of pending or hidden questions, and whoever
   * just acted, so all their devices learn `upvoted`): each to their participant room, which
   * the two room-wide emits leave out.
   */
  personal: { participantId: string; view: QuestionsView }[];
}

/** What the question service tells live clients (the Broadcaster). */
export interface QuestionEvents {
  questionsUpdated(sessionId: string, update: QuestionsBroadcast): void;
}

/** Who acts: the socket's or token's session, person and role. */
export type QuestionActor = QuestionViewer & { sessionId: string };

/**
 * Room-wide views go out at most once per this many ms per session: the first change at once,
 * the changes after it in one send at the end of the window. Each view carries every question
 * (up to MAX_QUESTIONS_PER_SESSION) to everyone in the room, and each person may send 20 events a
 * second: one view per upvote would let a few people flood every phone of a large room.
 */
export const QUESTIONS_BROADCAST_MS = 200;

/** The send window of one session: who acted since its start (their devices get a view of their own). */
interface SendWindow {
  timer: NodeJS.Timeout;
  /** A change came after the window's first send: send again at its end. */
  due: boolean;
  actors: Map<string, QuestionActor>;
}

function enforce(check: QuestionCheck): void {
  if (!check.ok) throw new AppError(check.code, check.message);
}

/**
 * Questions from the room (api-v1.1): anyone asks and upvotes, the facilitator moderates
 * and projects one. Every change is stored first, then each audience gets its view.
 */
export class QuestionService {
  constructor(
    private readonly storage: Pick<Storage, 'questions' | 'sessions'>,
    private readonly events: QuestionEvents,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private readonly windows = new Map<string, SendWindow>();

  /** Ends the send windows (server shutdown): what they held is stored already. */
  stop(): void {
    for (const w of this.windows.values()) clearTimeout(w.timer);
    this.windows.clear();
  }

  private get store() {
    return this.storage.questions;
  }

  async ask(actor: QuestionActor, { text, lang }: ParsedPayload<'question:ask'>): Promise<QuestionDto> {
    const { sessionId, participantId } = actor;
    const before = await this.store.countQuestions(sessionId, participantId);
    enforce(checkAsk(before.pendingOfAuthor, before.total));
    const id = randomUUID();
    const session = await this.storage.sessions.getSession(sessionId);
    await this.store.addQuestion({
      id,
      sessionId,
      authorId: participantId,
      text,
      lang: lang ?? session?.language ?? 'fr',
      state: 'pending',
      projected: false,
      createdAt: this.now().toISOString(),
    });
    // Two devices of one person (or two instances) may have passed the check together:
    // counted again with this one in, a question past a limit is taken back.
    const after = await this.store.countQuestions(sessionId, participantId);
    const recheck = checkAsk(after.pendingOfAuthor - 1, after.total - 1);
    if (!recheck.ok) {
      await this.store.deleteQuestion(sessionId, id);
      enforce(recheck);
    }
    return this.changed(actor, id);
  }

  async upvote(
    actor: QuestionActor,
    { questionId }: ParsedPayload<'question:upvote'>,
  ): Promise<{ question: QuestionDto; upvoted: boolean }> {
    const q = await this.store.getQuestion(actor.sessionId, questionId);
    enforce(checkUpvote(q && toFacts(q), actor));
    const upvoted = await this.store.toggleUpvote(actor.sessionId, questionId, actor.participantId);
    return { question: await this.changed(actor, questionId), upvoted };
  }

  async moderate(
    actor: QuestionActor,
    { questionId, state }: ParsedPayload<'question:moderate'>,
  ): Promise<QuestionDto> {
    const q = await this.store.getQuestion(actor.sessionId, questionId);
    enforce(checkModerate(q && toFacts(q), state));
    await this.store.setQuestionState(actor.sessionId, questionId, state);
    return this.changed(actor, questionId);
  }

  async project(actor: QuestionActor, { questionId }: ParsedPayload<'question:project'>): Promise<QuestionDto | null> {
    if (questionId !== null) {
      const q = await this.store.getQuestion(actor.sessionId, questionId);
      enforce(checkProject(q && toFacts(q)));
    }
    await this.store.setProjected(actor.sessionId, questionId);
    this.send(actor.sessionId, actor);
    return (await this.view(actor)).projected ?? null;
  }

  /**
   * A person left the session's rows (PeopleService): removed, their upvotes are withdrawn;
   * merged into `into`, their questions and upvotes become that person's (one upvote each).
   */
  async personRetired(sessionId: string, participantId: string, into: string | null): Promise<void> {
    await this.store.retireAuthor(sessionId, participantId, into);
    this.send(sessionId);
  }

  /** `GET .../questions`: the caller's own view. */
  async view(viewer: QuestionActor): Promise<QuestionsView> {
    const all = await this.store.listQuestions(viewer.sessionId);
    const upvotes = await this.store.listUpvotes(viewer.sessionId, [viewer.participantId]);
    return this.viewFor(all, viewer, upvotes.get(viewer.participantId));
  }

  /** Tells every audience (see `send`), and returns the question as the actor now sees it. */
  private async changed(actor: QuestionActor, questionId: string): Promise<QuestionDto> {
    this.send(actor.sessionId, actor);
    const question = (await this.view(actor)).questions.find((q) => q.id === questionId);
    if (!question) throw new AppError('not_found', 'no such question in this session');
    return question;
  }

  /**
   * Sends every audience its view now if the session's window is closed, else once at its
   * end (QUESTIONS_BROADCAST_MS). Each send reads the store afresh, so the last one always
   * carries the last state.
   */
  private send(sessionId: string, actor?: QuestionActor): void {
    const open = this.windows.get(sessionId);
    if (open) {
      open.due = true;
      if (actor) open.actors.set(actor.participantId, actor);
      return;
    }
    this.openWindow(sessionId);
    void this.publish(sessionId, actor ? [actor] : []);
  }

  private openWindow(sessionId: string): void {
    const window: SendWindow = {
      due: false,
      actors: new Map(),
      timer: setTimeout(() => {
        this.windows.delete(sessionId);
        if (!window.due) return;
        this.openWindow(sessionId);
        void this.publish(sessionId, [...window.actors.values()]);
      }, QUESTIONS_BROADCAST_MS),
    };
    window.timer.unref();
    this.windows.set(sessionId, window);
  }

  /** Sends each audience its view of the session's questions; `actors`' devices get their own. */
  private async publish(sessionId: string, actors: readonly QuestionActor[]): Promise<void> {
    try {
      await this.publishNow(sessionId, actors);
    } catch (err) {
      // Stored already: a lost broadcast is caught up by the next change or a GET.
      this.log.warn({ err, sessionId }, 'questions broadcast failed');
    }
  }

  private async publishNow(sessionId: string, actors: readonly QuestionActor[]): Promise<void> {
    const all = await this.store.listQuestions(sessionId);
    const facts = all.map(toFacts);
    const personalIds = privateAuthors(facts);
    const roleOf = new Map(all.map((q) => [q.authorId, q.authorRole]));
    for (const actor of actors) {
      personalIds.add(actor.participantId);
      roleOf.set(actor.participantId, actor.role);
    }
    const upvotes = await this.store.listUpvotes(sessionId, [...personalIds]);
    const personal = [...personalIds].map((participantId) => {
      const viewer = { role: roleOf.get(participantId) ?? 'observer', participantId };
      return { participantId, view: this.viewFor(all, viewer, upvotes.get(participantId)) };
    });
    this.events.questionsUpdated(sessionId, {
      facilitators: this.viewFor(all, { role: 'facilitator', participantId: '' }),
      others: this.viewFor(all, { role: 'observer', participantId: '' }),
      personal,
    });
  }

  private viewFor(
    all: readonly ListedQuestion[],
    viewer: QuestionViewer,
    upvoted?: ReadonlySet<string>,
  ): QuestionsView {
    const names = new Map(all.map((q) => [q.authorId, q.authorName]));
    return questionsView(all.map(toFacts), viewer, {
      ...(upvoted && { upvotedIds: upvoted }),
      nameOf: (id) => names.get(id) ?? '',
    });
  }
}

function toFacts(q: ListedQuestion): QuestionFacts {
  return {
    id: q.id,
    authorId: q.authorId,
    authorRole: q.authorRole,
    text: q.text,
    lang: q.lang,
    state: q.state,
    createdAt: q.createdAt,
    projected: q.projected,
    votes: q.votes,
  };
}
