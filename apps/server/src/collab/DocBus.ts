/** What a room hears from the other server instances. */
export interface DocBusHandlers {
  /** A document update applied on another instance. */
  update(update: Uint8Array): void;
  /** An awareness update (carets, names) from another instance's clients. */
  awareness(update: Uint8Array): void;
  /** The draft was frozen or thawed on another instance (a vote opened, a decision). */
  frozen(frozen: boolean): void;
  /**
   * The link to the other instances was broken and is back: updates may have been
   * missed, so the room reloads what storage holds (idempotent for Yjs).
   */
  resync(): void;
  /** The document was erased on another instance: drop it here too. */
  erased(): void;
}

/**
 * Fan-out of live documents between server instances. With one instance there is
 * nothing to fan out (LocalDocBus); with Redis, updates go through a stream per
 * document and awareness and freezes through pub/sub (RedisDocBus).
 */
export interface DocBus {
  attach(docName: string, handlers: DocBusHandlers): Promise<void>;
  detach(docName: string): Promise<void>;
  publishUpdate(docName: string, update: Uint8Array): void;
  publishAwareness(docName: string, update: Uint8Array): void;
  publishFrozen(docName: string, frozen: boolean): void;
  /** Tells the other instances a document is erased, and deletes its stream. */
  publishErased(docName: string): Promise<void>;
  /** True when the bus answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** A single instance: nobody else to tell. */
export class LocalDocBus implements DocBus {
  async attach(): Promise<void> {}
  async detach(): Promise<void> {}
  publishUpdate(): void {}
  publishAwareness(): void {}
  publishFrozen(): void {}
  async publishErased(): Promise<void> {}
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}
}
