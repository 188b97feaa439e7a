import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Applying one Yjs update is one synchronous step whose cost grows with its structs, not its
 * bytes: a frame of ~1 MiB made of 100,000 one-letter inserts takes 0.4–2.4 s, during which
 * every session on the server waits (#11). An UpdateSlicer reads such an update (v1, the only
 * encoding y-websocket uses) struct by struct without integrating anything, and cuts it into
 * valid sub-updates of at most `structsPerSlice` structs each, applied one per turn of the
 * event loop. Applied in order, the slices give exactly the document the whole update gives.
 *
 * The reader mirrors Yjs's own (yjs src/utils/encoding.js `readClientsStructRefs`,
 * src/structs/Item.js `readItemContent`, UpdateDecoderV1): a struct's bytes in v1 stand
 * alone, so a slice copies them verbatim under a header of its own.
 */

/**
 * Structs per slice (and per scan step): 1,000 one-letter inserts at random places apply in
 * ~5 ms on an idle 2-core machine (~40 ms under a load average of 20); scanning them costs less.
 */
export const STRUCTS_PER_SLICE = 1_000;
/** Delete-set ranges per slice: deleting a range may split an item, about the cost of a struct. */
export const DELETES_PER_SLICE = 1_000;
/**
 * Updates below this many bytes are applied whole, as before: at most a few thousand
 * structs, a few ms. Typing (tens of bytes an update) never pays for a scan.
 */
export const SLICE_MIN_BYTES = 32 * 1024;

export class MalformedUpdate extends Error {}

/** The structs of one client in the update, one entry per struct. */
interface ClientStructs {
  client: number;
  /** Byte offset of each struct in the update, and (last) where the client's structs end. */
  offsets: number[];
  /** Clock of each struct, and (last) the clock after the last struct. */
  clocks: number[];
  /**
   * IDs each struct needs integrated before it (origin, right origin, parent), flattened:
   * struct i's are depClients/depClocks[depStart[i]..depStart[i + 1]).
   */
  depStart: number[];
  depClients: number[];
  depClocks: number[];
}

/** One client's contiguous structs within a slice. */
interface Run {
  structs: ClientStructs;
  from: number;
  to: number;
}

// Info bits of a struct (yjs Item.js): its content kind in the low 5 bits.
const BITS5 = 0x1f;
const HAS_ORIGIN = 0x80;
const HAS_RIGHT_ORIGIN = 0x40;
const HAS_PARENT_SUB = 0x20;
const GC_REF = 0;
const SKIP_REF = 10;
/** Type refs (yjs ContentType.js typeRefs) whose content carries a node name. */
const XML_ELEMENT_REF = 3;
const XML_HOOK_REF = 5;
const LAST_TYPE_REF = 6;

/**
 * Reads an update in bounded steps (`scan()`, until it says done), then hands its slices one
 * by one (`next()`). Throws MalformedUpdate where Yjs would fail to read the update, before any
 * slice is handed out: a malformed update is refused whole.
 */
export class UpdateSlicer {
  private readonly decoder: decoding.Decoder;
  /** Client sections still to read, and structs left in the one being read. */
  private clientsLeft = -1;
  private structsLeft = 0;
  private reading: ClientStructs | undefined;
  private clock = 0;
  /** Yjs keeps the last section of a client that appears twice; so does this map. */
  private readonly byClient = new Map<number, ClientStructs>();
  /** The delete set, read range by range: per client, its [clock, len] pairs flattened. */
  private deleteSetClients = -1;
  private readonly deletes: { client: number; ranges: number[] }[] = [];
  private deletesLeft = 0;
  private scanned = false;

  // The walk that orders structs for the slices (see next()).
  private walkOrder: ClientStructs[] | undefined;
  private readonly cursor = new Map<ClientStructs, number>();
  private readonly stack: ClientStructs[] = [];
  private current: ClientStructs | undefined;
  private deleteIndex = 0;
  private deleteRange = 0;

  constructor(
    private readonly update: Uint8Array,
    private readonly structsPerSlice = STRUCTS_PER_SLICE,
    private readonly deletesPerSlice = DELETES_PER_SLICE,
  ) {
    this.decoder = decoding.createDecoder(update);
  }

  /** Structs read so far. */
  get structCount(): number {
    let n = 0;
    for (const s of this.byClient.values()) n += s.clocks.length - 1;
    return n;
  }

  /** Whether the update fits one slice: then applying it whole is the same, and cheaper. */
  get fitsOneSlice(): boolean {
    let ranges = 0;
    for (const d of this.deletes) ranges += d.ranges.length / 2;
    return this.structCount <= this.structsPerSlice && ranges <= this.deletesPerSlice;
  }

  /** Reads about one slice's worth of the update; true once all of it is read. */
  scan(): boolean {
    if (this.scanned) return true;
    try {
      this.scanSome();
    } catch (err) {
      if (err instanceof MalformedUpdate) throw err;
      throw new MalformedUpdate(err instanceof Error ? err.message : 'undecodable update');
    }
    return this.scanned;
  }

  private scanSome(): void {
    const d = this.decoder;
    let budget = this.structsPerSlice;
    if (this.clientsLeft < 0) this.clientsLeft = decoding.readVarUint(d);
    while (budget > 0 && (this.structsLeft > 0 || this.clientsLeft > 0)) {
      if (this.structsLeft === 0) {
        // A new client section: numStructs, client, first clock. The count is not trusted
        // to size anything (Yjs allocates it up front, see yMessages.ts).
        this.clientsLeft--;
        this.structsLeft = decoding.readVarUint(d);
        const client = decoding.readVarUint(d);
        this.clock = decoding.readVarUint(d);
        this.reading = {
          client,
          offsets: [],
          clocks: [],
          depStart: [],
          depClients: [],
          depClocks: [],
        };
        this.byClient.delete(client);
        this.byClient.set(client, this.reading);
        if (this.structsLeft === 0) this.closeSection();
        continue;
      }
      this.readStruct(this.reading!);
      this.structsLeft--;
      budget--;
      if (this.structsLeft === 0) this.closeSection();
    }
    if (this.structsLeft > 0 || this.clientsLeft > 0) return;
    // The delete set: numClients, then per client: client, numRanges, (clock, len) each.
    if (this.deleteSetClients < 0) this.deleteSetClients = decoding.readVarUint(d);
    let rangeBudget = this.deletesPerSlice;
    while (rangeBudget > 0 && (this.deletesLeft > 0 || this.deleteSetClients > 0)) {
      if (this.deletesLeft === 0) {
        this.deleteSetClients--;
        this.deletes.push({ client: decoding.readVarUint(d), ranges: [] });
        this.deletesLeft = decoding.readVarUint(d);
        continue;
      }
      this.deletes.at(-1)!.ranges.push(decoding.readVarUint(d), decoding.readVarUint(d));
      this.deletesLeft--;
      rangeBudget--;
    }
    if (this.deletesLeft === 0 && this.deleteSetClients === 0) this.scanned = true;
  }

  private closeSection(): void {
    const s = this.reading!;
    s.offsets.push(this.decoder.pos);
    s.clocks.push(this.clock);
    s.depStart.push(s.depClients.length);
    if (s.clocks.length === 1) this.byClient.delete(s.client);
    this.reading = undefined;
  }

  /** Reads one struct as Yjs's readClientsStructRefs does, keeping its offset, clock and needs. */
  private readStruct(s: ClientStructs): void {
    const d = this.decoder;
    s.offsets.push(d.pos);
    s.clocks.push(this.clock);
    s.depStart.push(s.depClients.length);
    const info = decoding.readUint8(d);
    const ref = info & BITS5;
    if (ref === GC_REF || ref === SKIP_REF) {
      this.clock += decoding.readVarUint(d);
      return;
    }
    const needs = (client: number, clock: number) => {
      s.depClients.push(client);
      s.depClocks.push(clock);
    };
    if (info & HAS_ORIGIN) needs(decoding.readVarUint(d), decoding.readVarUint(d));
    if (info & HAS_RIGHT_ORIGIN) needs(decoding.readVarUint(d), decoding.readVarUint(d));
    if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
      // Parent info: 1 = a top-level type by name, else the ID of the parent item.
      if (decoding.readVarUint(d) === 1) decoding.readVarString(d);
      else needs(decoding.readVarUint(d), decoding.readVarUint(d));
      if (info & HAS_PARENT_SUB) decoding.readVarString(d);
    }
    this.clock += readContentLength(d, ref);
  }

  /**
   * The next slice, once scan() said done; undefined after the last. Structs are taken in the
   * order Yjs integrates them (integrateStructs): when a struct needs another client's struct
   * of this update not yet handed out, that client goes first. So a slice seldom depends on a
   * later one; when it does (crafted cycles), Yjs keeps it pending until the later one comes,
   * as it would within one update.
   */
  next(): Uint8Array | undefined {
    if (!this.scanned) throw new Error('UpdateSlicer.next() before the scan is done');
    this.walkOrder ??= [...this.byClient.values()].sort((a, b) => a.client - b.client);
    const runs = new Map<ClientStructs, Run>();
    let taken = 0;
    while (taken < this.structsPerSlice) {
      const s = this.nextStructClient();
      if (!s) break;
      const i = this.cursor.get(s) ?? 0;
      this.cursor.set(s, i + 1);
      const run = runs.get(s);
      if (run) run.to = i + 1;
      else runs.set(s, { structs: s, from: i, to: i + 1 });
      taken++;
      // Back to the client waiting on this one, as Yjs does: running ahead, this client
      // could need that one's next structs and be taken for a cycle.
      if (this.stack.length > 0) this.current = this.stack.pop();
    }
    if (taken > 0) return this.encodeStructs([...runs.values()]);
    return this.nextDeletes();
  }

  /** The client whose next struct goes next in the walk, or undefined when all are handed out. */
  private nextStructClient(): ClientStructs | undefined {
    for (;;) {
      if (!this.current || this.done(this.current)) {
        this.current = this.stack.pop();
        while (!this.current && this.walkOrder!.length > 0) {
          const s = this.walkOrder!.pop()!;
          if (!this.done(s)) this.current = s;
        }
        if (!this.current) return undefined;
        continue;
      }
      const needed = this.unmetNeed(this.current);
      if (!needed) return this.current;
      this.stack.push(this.current);
      this.current = needed;
    }
  }

  private done(s: ClientStructs): boolean {
    return (this.cursor.get(s) ?? 0) >= s.clocks.length - 1;
  }

  /** A client of this update owning a struct that `s`'s next struct needs and that is not handed out yet. */
  private unmetNeed(s: ClientStructs): ClientStructs | undefined {
    const i = this.cursor.get(s) ?? 0;
    for (let k = s.depStart[i]!; k < s.depStart[i + 1]!; k++) {
      const other = this.byClient.get(s.depClients[k]!);
      if (!other || other === s || this.done(other)) continue;
      // On the stack already: a cycle; Yjs would leave it pending, and so will the slices.
      if (this.stack.includes(other)) continue;
      const clock = s.depClocks[k]!;
      const next = other.clocks[this.cursor.get(other) ?? 0]!;
      if (clock >= next && clock < other.clocks.at(-1)!) return other;
    }
    return undefined;
  }

  private encodeStructs(runs: Run[]): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, runs.length);
    for (const { structs, from, to } of runs) {
      encoding.writeVarUint(e, to - from);
      encoding.writeVarUint(e, structs.client);
      encoding.writeVarUint(e, structs.clocks[from]!);
      encoding.writeUint8Array(e, this.update.subarray(structs.offsets[from], structs.offsets[to]));
    }
    encoding.writeVarUint(e, 0); // an empty delete set
    return encoding.toUint8Array(e);
  }

  /** Up to deletesPerSlice ranges of the delete set, under no structs. */
  private nextDeletes(): Uint8Array | undefined {
    const groups: { client: number; ranges: number[] }[] = [];
    let taken = 0;
    while (taken < this.deletesPerSlice && this.deleteIndex < this.deletes.length) {
      const { client, ranges } = this.deletes[this.deleteIndex]!;
      const count = Math.min((ranges.length - this.deleteRange) / 2, this.deletesPerSlice - taken);
      groups.push({ client, ranges: ranges.slice(this.deleteRange, this.deleteRange + 2 * count) });
      taken += count;
      this.deleteRange += 2 * count;
      if (this.deleteRange >= ranges.length) {
        this.deleteIndex++;
        this.deleteRange = 0;
      }
    }
    if (taken === 0) return undefined;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, groups.length);
    for (const { client, ranges } of groups) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, ranges.length / 2);
      for (const n of ranges) encoding.writeVarUint(e, n);
    }
    return encoding.toUint8Array(e);
  }
}

/** Reads an item's content (yjs contentRefs) and returns its length in clock units. */
function readContentLength(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // Deleted
      return decoding.readVarUint(d);
    case 2: {
      // JSON: strings of JSON, or 'undefined'
      const len = decoding.readVarUint(d);
      for (let i = 0; i < len; i++) {
        const json = decoding.readVarString(d);
        if (json !== 'undefined') JSON.parse(json);
      }
      return len;
    }
    case 3: // Binary
      decoding.readVarUint8Array(d);
      return 1;
    case 4: // String: its length in UTF-16 code units, as Yjs counts it
      return decoding.readVarString(d).length;
    case 5: // Embed
      JSON.parse(decoding.readVarString(d));
      return 1;
    case 6: // Format: key, JSON value
      decoding.readVarString(d);
      JSON.parse(decoding.readVarString(d));
      return 1;
    case 7: {
      // Type: its type ref, then the node name of XML elements and hooks
      const typeRef = decoding.readVarUint(d);
      if (typeRef > LAST_TYPE_REF) throw new MalformedUpdate(`unknown type ref ${typeRef}`);
      if (typeRef === XML_ELEMENT_REF || typeRef === XML_HOOK_REF) decoding.readVarString(d);
      return 1;
    }
    case 8: {
      // Any: lib0 readAny values
      const len = decoding.readVarUint(d);
      for (let i = 0; i < len; i++) decoding.readAny(d);
      return len;
    }
    case 9: // Doc: guid, options
      decoding.readVarString(d);
      decoding.readAny(d);
      return 1;
    default:
      throw new MalformedUpdate(`unknown content ref ${ref}`);
  }
}
