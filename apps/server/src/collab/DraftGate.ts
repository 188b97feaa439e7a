import type { Logger } from 'pino';
import { isDraftFrozen } from '@roundtable/domain';
import type { Language } from '@roundtable/protocol';
import type { Storage } from '../storage/Storage.js';
import type { DraftVersions } from './draftContent.js';
import type { DocBus } from './DocBus.js';
import type { DocRoom } from './DocRoom.js';

/**
 * A freeze from another instance is checked against storage this long after: if that
 * instance died between the freeze and storing its vote, the draft is thawed here too.
 * Opening a vote stores it within milliseconds; this leaves room for a slow database.
 */
export const FREEZE_CHECK_MS = 10_000;

/** What votes and routes need of the drafts: stop edits while a text is voted on, read it. */
export interface DraftGate {
  /**
   * Freezes or thaws a draft at once, here and on the other instances (a document loaded
   * later reads its recommendation's status). Freeze before reading the text to be voted
   * on, so no update can slip in between.
   */
  setFrozen(docName: string, frozen: boolean): void;
  /** Plain text of a draft's body, the text the server holds (memory, else storage). */
  readText(docName: string): Promise<string>;
  /** Every language version's text and alignment, in one read (memory, else storage). */
  readVersions(docName: string, languages: readonly Language[]): Promise<DraftVersions>;
}

/** What this instance knows of one draft's freeze. */
interface DraftFreeze {
  /**
   * Set by a freeze or thaw on this instance since it started (or heard from another).
   * It wins over the status read at load, which may predate a vote opened while the
   * document was loading.
   */
  frozen?: boolean;
  /** Counts the freezes and thaws, so a check knows if one came after it. */
  changes: number;
  /** Pending check of a freeze from another instance (see FREEZE_CHECK_MS). */
  check?: NodeJS.Timeout;
  /** The live room, when the document is loaded here. */
  room?: DocRoom;
}

/**
 * The freeze state of drafts on this instance: applied to live rooms, propagated to the
 * other instances, and a freeze heard from another instance checked against storage.
 * It is built before the registry (which tells it about rooms) so neither needs the other
 * at construction.
 */
export class DraftFreezes {
  private readonly drafts = new Map<string, DraftFreeze>();

  constructor(
    private readonly storage: Pick<Storage, 'recommendations'>,
    private readonly bus: DocBus,
    private readonly log: Logger,
    /** Defaults to FREEZE_CHECK_MS. */
    private readonly checkMs: number = FREEZE_CHECK_MS,
  ) {}

  /** A room was loaded: it starts frozen as this instance last heard, else as stored. */
  track(docName: string, room: DocRoom, storedFrozen: boolean): void {
    const draft = this.draft(docName);
    draft.room = room;
    room.frozen = draft.frozen ?? storedFrozen;
  }

  /** The room was unloaded or erased; what was heard of its freeze is kept. */
  untrack(docName: string, room: DocRoom): void {
    const draft = this.drafts.get(docName);
    if (draft?.room === room) draft.room = undefined;
  }

  /** A freeze or thaw decided on this instance: applied, and told to the others. */
  set(docName: string, frozen: boolean): void {
    this.change(docName, frozen, false);
    this.bus.publishFrozen(docName, frozen);
  }

  /** A freeze or thaw from another instance; a freeze is checked against storage later. */
  fromOtherInstance(docName: string, frozen: boolean): void {
    this.change(docName, frozen, frozen);
  }

  /** The status read from storage after a broken link to the other instances. */
  fromStorage(docName: string, frozen: boolean): void {
    const draft = this.draft(docName);
    draft.frozen = frozen;
    if (draft.room) draft.room.frozen = frozen;
  }

  private draft(docName: string): DraftFreeze {
    let draft = this.drafts.get(docName);
    if (!draft) {
      draft = { changes: 0 };
      this.drafts.set(docName, draft);
    }
    return draft;
  }

  /**
   * Each freeze or thaw replaces the pending check of the previous one; a freeze that came
   * from another instance is checked against the recommendation's stored status later.
   */
  private change(docName: string, frozen: boolean, fromOtherInstance: boolean): void {
    const draft = this.draft(docName);
    clearTimeout(draft.check);
    draft.check = undefined;
    const change = ++draft.changes;
    draft.frozen = frozen;
    if (draft.room) draft.room.frozen = frozen;
    if (!fromOtherInstance) return;
    draft.check = setTimeout(() => {
      draft.check = undefined;
      void this.storage.recommendations.findRecommendation(docName).then(
        (rec) => {
          // A freeze or thaw after this one (from here or elsewhere) decides instead.
          if (draft.changes !== change || draft.frozen !== true) return;
          if (!rec || isDraftFrozen(rec.status)) return;
          this.log.warn({ docName }, 'a draft frozen by another instance has no vote stored; thawing it');
          draft.frozen = false;
          if (draft.room) draft.room.frozen = false;
        },
        (err: unknown) => this.log.warn({ err, docName }, 'checking a freeze against storage failed'),
      );
    }, this.checkMs);
    draft.check.unref();
  }

  /** Cancels the pending checks (shutdown). */
  close(): void {
    for (const draft of this.drafts.values()) clearTimeout(draft.check);
  }
}

/** The DraftGate of this instance: freezes through DraftFreezes, text from the registry. */
export class RegistryDraftGate implements DraftGate {
  constructor(
    private readonly freezes: DraftFreezes,
    private readonly docs: Pick<DraftGate, 'readText' | 'readVersions'>,
  ) {}

  setFrozen(docName: string, frozen: boolean): void {
    this.freezes.set(docName, frozen);
  }

  readText(docName: string): Promise<string> {
    return this.docs.readText(docName);
  }

  readVersions(docName: string, languages: readonly Language[]): Promise<DraftVersions> {
    return this.docs.readVersions(docName, languages);
  }
}
