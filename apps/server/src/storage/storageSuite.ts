import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roleForCode } from '@roundtable/domain';
import {
  UniqueViolation,
  type AmendmentRecord,
  type DraftVersionRecord,
  type InviteeRecord,
  type SessionRecord,
  type Storage,
} from './Storage.js';

const session = (over: Partial<SessionRecord> = {}): SessionRecord => ({
  id: randomUUID(),
  title: 'Réunion thématique emploi',
  kind: 'thematic_meeting',
  level: 'federal',
  themes: ['employment', 'anti_discrimination'],
  language: 'nl',
  languages: ['nl', 'fr'],
  participantCode: randomUUID().slice(0, 8).toUpperCase(),
  observerCode: randomUUID().slice(0, 8).toUpperCase(),
  facilitatorCodeHash: randomUUID(),
  createdAt: new Date().toISOString(),
  openJoin: true,
  retentionDays: null,
  anonymisedAt: null,
  place: 'Résidence Palace, Bruxelles',
  timeZone: 'America/Argentina/Buenos_Aires',
  ...over,
});

const amendment = (sessionId: string, recommendationId: string, authorId: string): AmendmentRecord => ({
  id: randomUUID(),
  sessionId,
  recommendationId,
  lang: 'fr',
  original: ' plus de places ',
  replacement: '',
  reason: null,
  status: 'proposed',
  authorId,
  createdAt: new Date().toISOString(),
  decidedAt: null,
  decidedBy: null,
  voteId: null,
});

const version = (
  sessionId: string,
  recommendationId: string,
  createdAt: string,
  editorIds: string[] = [],
): DraftVersionRecord => ({
  id: randomUUID(),
  sessionId,
  recommendationId,
  createdAt,
  reason: 'saved',
  label: null,
  restoredFrom: null,
  amendmentId: null,
  voteId: null,
  hashes: { fr: 'abc' },
  editorIds,
});

/** One suite SqlStorage passes on each database (SQLite and PostgreSQL). */
export function describeStorage(name: string, make: () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>) {
  describe(`Storage: ${name}`, () => {
    let storage: Storage;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, cleanup } = await make());
      await storage.migrate();
    });
    afterEach(async () => {
      await cleanup();
    });

    it('migrates idempotently', async () => {
      await storage.migrate();
      expect(await storage.ping()).toBe(true);
    });

    it('stores sessions and finds them by each code with the role it grants', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      expect(await storage.sessions.getSession(s.id)).toEqual(s);
      // The store finds the session; the domain's roleForCode says what the code grants.
      const found = async (shortCode: string, hash: string) => {
        const f = await storage.sessions.findSessionByCode(shortCode, hash);
        return f && { session: f, role: roleForCode(f, shortCode, hash) };
      };
      expect(await found(s.participantCode, 'x')).toEqual({ session: s, role: 'participant' });
      expect(await found(s.observerCode, 'x')).toEqual({ session: s, role: 'observer' });
      expect(await found('', s.facilitatorCodeHash)).toEqual({ session: s, role: 'facilitator' });
      expect(await storage.sessions.findSessionByCode('NOPE', 'nope')).toBeUndefined();
      expect(await storage.sessions.getSession('missing')).toBeUndefined();
    });

    it('refuses a duplicate join code with UniqueViolation', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      await expect(
        storage.sessions.createSession(session({ participantCode: s.participantCode })),
      ).rejects.toBeInstanceOf(UniqueViolation);
    });

    it('stores participants and recommendations per session', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      const p = {
        id: randomUUID(),
        sessionId: s.id,
        name: 'Fatima',
        organisation: 'CPAS',
        organisationType: 'local_authority' as const,
        role: 'participant' as const,
        createdAt: new Date().toISOString(),
      };
      await storage.people.addParticipant(p);
      expect(await storage.people.getParticipant(s.id, p.id)).toEqual(p);
      expect(await storage.people.getParticipant('other', p.id)).toBeUndefined();
      const r1 = {
        id: randomUUID(),
        sessionId: s.id,
        title: 'A',
        theme: 'housing' as const,
        status: 'draft' as const,
        titles: { nl: 'A' },
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      const r2 = { ...r1, id: randomUUID(), title: 'B', theme: null, createdAt: '2026-01-02T00:00:00.000Z' };
      await storage.recommendations.createRecommendation(r2);
      await storage.recommendations.createRecommendation(r1);
      expect((await storage.recommendations.listRecommendations(s.id)).map((r) => r.title)).toEqual(['A', 'B']);
      expect(await storage.recommendations.getRecommendation(s.id, r1.id)).toEqual({ ...r1, decisionReason: null });
      expect(await storage.recommendations.findRecommendation(r2.id)).toEqual({ ...r2, decisionReason: null });
      expect(await storage.recommendations.getRecommendation('other', r1.id)).toBeUndefined();
    });

    it('appends Yjs updates and compacts them into one row without losing any', async () => {
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const text = doc.getText('t');
      for (let i = 0; i < 30; i++) text.insert(text.length, `${i},`);
      await storage.docs.appendDocUpdates('doc-1', updates.slice(0, 10));
      await storage.docs.appendDocUpdates('doc-1', updates.slice(10, 20));
      await storage.docs.appendDocUpdates('doc-other', [updates[0]!]);
      const stored = await storage.docs.loadDoc('doc-1');
      expect(stored.updates).toHaveLength(20);
      // Two chunks, under the seqs of the last two rows they replace.
      const chunks = [stored.updates.slice(0, 12), stored.updates.slice(12)].map((rows, i) => ({
        seq: stored.seqs[18 + i]!,
        data: Y.mergeUpdates(rows),
      }));
      await storage.docs.compactDoc('doc-1', chunks, stored.lastSeq);
      // Appended after the compaction read: must stay, after the merged rows.
      await storage.docs.appendDocUpdates('doc-1', updates.slice(20));
      const after = await storage.docs.loadDoc('doc-1');
      expect(after.updates).toHaveLength(12);
      expect(after.seqs.slice(0, 2)).toEqual(chunks.map((c) => c.seq));
      const copy = new Y.Doc();
      for (const u of after.updates) Y.applyUpdate(copy, u);
      expect(copy.getText('t').toString()).toBe(text.toString());
      expect((await storage.docs.loadDoc('doc-other')).updates).toHaveLength(1);
      expect(await storage.docs.loadDoc('missing')).toEqual({ updates: [], seqs: [], lastSeq: 0 });
    });

    it("stores votes, replaces a voter's ballot, refuses ballots after the close, closes once", async () => {
      const s = session();
      await storage.sessions.createSession(s);
      const rec = {
        id: randomUUID(),
        sessionId: s.id,
        title: 'R',
        theme: null,
        status: 'draft' as const,
        titles: { nl: 'Toegang', fr: 'Accès' },
        createdAt: '2026-01-01T00:00:00.000Z',
      };
      await storage.recommendations.createRecommendation(rec);
      expect(await storage.recommendations.getRecommendation(s.id, rec.id)).toEqual({ ...rec, decisionReason: null });
      const vote = {
        id: randomUUID(),
        sessionId: s.id,
        method: 'approval' as const,
        status: 'open' as const,
        recommendationId: rec.id,
        question: null,
        options: [],
        anonymous: true,
        results: 'live' as const,
        quorum: 2,
        dotsBudget: null,
        splitByGroup: true,
        frozenTexts: [
          { recommendationId: rec.id, lang: 'nl' as const, text: 'Tekst', sha256: 'abc' },
          { recommendationId: rec.id, lang: 'fr' as const, text: 'Texte', sha256: 'def' },
        ],
        languagesOverridden: true,
        amendmentId: null,
        openedAt: '2026-01-01T10:00:00.000Z',
        closesAt: '2026-01-01T10:05:00.000Z',
        closedAt: null,
      };
      await storage.votes.openVote(vote);
      expect(await storage.votes.getVote(s.id, vote.id)).toEqual(vote);
      expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.status).toBe('voting');
      expect((await storage.votes.listTimedOpenVotes()).map((v) => v.id)).toContain(vote.id);

      const ballot = (voterKey: string, choice: 'for' | 'against') => ({
        voteId: vote.id,
        voterKey,
        participantId: null,
        group: 'civil_society' as const,
        ballot: { choice },
        castAt: null,
      });
      expect(
        await storage.votes.castBallots([ballot('k1', 'for'), ballot('k2', 'for'), ballot('k1', 'against')]),
      ).toEqual([true, true, true]);
      const stored = await storage.votes.listBallots(vote.id);
      expect(stored.map((b) => [b.voterKey, b.ballot])).toEqual([
        ['k1', { choice: 'against' }],
        ['k2', { choice: 'for' }],
      ]);
      expect(await storage.votes.closeVote(vote.id, '2026-01-01T10:03:00.000Z')).toBe(true);
      expect(await storage.votes.closeVote(vote.id, '2026-01-01T10:04:00.000Z')).toBe(false);
      expect(await storage.votes.castBallots([ballot('k3', 'for')])).toEqual([false]);
      expect(await storage.votes.listBallots(vote.id)).toHaveLength(2);
      expect(await storage.votes.getVote(s.id, vote.id)).toMatchObject({
        status: 'closed',
        closedAt: '2026-01-01T10:03:00.000Z',
      });
      await storage.recommendations.setRecommendationStatus(rec.id, 'adopted');
      expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.status).toBe('adopted');
      await storage.recommendations.decideRecommendation(rec.id, 'rejected', 'the mayor withdrew the budget');
      expect(await storage.recommendations.getRecommendation(s.id, rec.id)).toMatchObject({
        status: 'rejected',
        decisionReason: 'the mayor withdrew the budget',
      });
      await storage.recommendations.decideRecommendation(rec.id, 'adopted', null);
      expect((await storage.recommendations.getRecommendation(s.id, rec.id))?.decisionReason).toBeNull();
    });

    it('stores the facilitation state with optimistic revisions, and deletes documents for good', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      expect(await storage.facilitation.getFacilitationState(s.id)).toBeUndefined();
      const base = {
        sessionId: s.id,
        revision: 1,
        agenda: [],
        currentItemId: null,
        heldItemIds: [],
        timer: null,
        queue: [],
        speaker: null,
        tour: null,
        caseBringerId: null,
        minuteTakerId: null,
        publicSummaryKey: null,
        intervisionErasedAt: null,
        speakingTime: { totalMs: 0, turns: 0, byGroup: {}, byLanguage: {}, bySpeaker: [] },
      };
      expect(await storage.facilitation.saveFacilitationState(base, 0)).toBe(true);
      expect(await storage.facilitation.saveFacilitationState(base, 0)).toBe(false);
      expect(await storage.facilitation.saveFacilitationState({ ...base, revision: 2, caseBringerId: 'p1' }, 1)).toBe(
        true,
      );
      // A writer that read revision 1 lost the race.
      expect(await storage.facilitation.saveFacilitationState({ ...base, revision: 2 }, 1)).toBe(false);
      expect(await storage.facilitation.getFacilitationState(s.id)).toMatchObject({ revision: 2, caseBringerId: 'p1' });

      await storage.docs.appendDocUpdates('ivn-analysis-x', [new Uint8Array([1, 2])]);
      await storage.docs.appendDocUpdates('keep-me', [new Uint8Array([3])]);
      await storage.docs.deleteDocs(['ivn-analysis-x']);
      // SQLite truncates its WAL, PostgreSQL vacuums (outside a transaction, from the pool).
      await storage.docs.reclaimDeletedDocs();
      expect((await storage.docs.loadDoc('ivn-analysis-x')).updates).toHaveLength(0);
      expect((await storage.docs.loadDoc('keep-me')).updates).toHaveLength(1);
    });

    it('keeps invitees hashed, one row per person, and retires removed and merged rows', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      const person = (name: string, over: Partial<InviteeRecord> = {}): InviteeRecord => ({
        id: randomUUID(),
        sessionId: s.id,
        name,
        organisation: null,
        organisationType: 'civil_society',
        role: 'participant',
        createdAt: '2026-01-01T09:00:00.000Z',
        codeHash: randomUUID(),
        ...over,
      });
      const ana = person('Ana');
      const ben = person('Ben', { createdAt: '2026-01-01T09:00:01.000Z' });
      await storage.people.addInvitees([ana, ben]);
      await expect(storage.people.addInvitees([person('Dup', { codeHash: ana.codeHash })])).rejects.toBeInstanceOf(
        UniqueViolation,
      );
      expect((await storage.people.findInvitee(ana.codeHash))?.id).toBe(ana.id);
      // Invited but not come: a person of the attendance, not of the report.
      expect(await storage.people.listParticipants(s.id)).toEqual([]);
      await storage.people.markSeen([{ sessionId: s.id, participantId: ana.id, at: '2026-01-01T10:00:00.000Z' }]);
      await storage.people.markSeen([{ sessionId: s.id, participantId: ana.id, at: '2026-01-01T11:00:00.000Z' }]);
      await storage.people.markSeen([{ sessionId: s.id, participantId: ben.id, at: '2026-01-01T09:30:00.000Z' }]);
      const people = await storage.people.listPeople(s.id);
      expect(people.map((p) => [p.name, p.invited, p.firstSeenAt, p.lastSeenAt])).toEqual([
        ['Ana', true, '2026-01-01T10:00:00.000Z', '2026-01-01T11:00:00.000Z'],
        ['Ben', true, '2026-01-01T09:30:00.000Z', '2026-01-01T09:30:00.000Z'],
      ]);

      const vote = {
        id: randomUUID(),
        sessionId: s.id,
        method: 'approval' as const,
        status: 'open' as const,
        recommendationId: null,
        question: 'Q?',
        options: [],
        anonymous: false,
        results: 'live' as const,
        quorum: null,
        dotsBudget: null,
        splitByGroup: false,
        frozenTexts: [],
        languagesOverridden: false,
        amendmentId: null,
        openedAt: '2026-01-01T10:00:00.000Z',
        closesAt: null,
        closedAt: null,
      };
      await storage.votes.openVote(vote);
      const ballot = (id: string, choice: 'for' | 'against') => ({
        voteId: vote.id,
        voterKey: id,
        participantId: id,
        group: 'unspecified' as const,
        ballot: { choice },
        castAt: '2026-01-01T10:10:00.000Z',
      });
      await storage.votes.castBallots([ballot(ana.id, 'for'), ballot(ben.id, 'against')]);
      // Ben is Ana on a second device: his row folds into hers, his (later) ballot is kept as hers.
      expect(
        await storage.people.retireParticipant(s.id, ben.id, {
          at: '2026-01-01T12:00:00.000Z',
          mergedInto: ana.id,
          ballots: [{ voteId: vote.id, withdraw: ben.id, replaceWith: ballot(ana.id, 'against') }],
        }),
      ).toBe(true);
      expect((await storage.votes.listBallots(vote.id)).map((b) => [b.voterKey, b.ballot])).toEqual([
        [ana.id, { choice: 'against' }],
      ]);
      expect(await storage.people.getActiveParticipant(s.id, ben.id)).toBeUndefined();
      expect(await storage.people.findInvitee(ben.codeHash)).toBeUndefined();
      expect((await storage.people.listPeople(s.id)).map((p) => [p.name, p.firstSeenAt, p.lastSeenAt])).toEqual([
        ['Ana', '2026-01-01T09:30:00.000Z', '2026-01-01T11:00:00.000Z'],
      ]);
      // Retiring twice does nothing; a closed vote keeps its ballots.
      expect(await storage.people.retireParticipant(s.id, ben.id, { at: 'x', mergedInto: null, ballots: [] })).toBe(
        false,
      );
      await storage.votes.closeVote(vote.id, '2026-01-01T12:30:00.000Z');
      await storage.people.retireParticipant(s.id, ana.id, {
        at: '2026-01-01T13:00:00.000Z',
        mergedInto: null,
        ballots: [{ voteId: vote.id, withdraw: ana.id }],
      });
      expect(await storage.votes.listBallots(vote.id)).toHaveLength(1);
      expect(await storage.people.listPeople(s.id)).toEqual([]);
    });

    it('stores amendments, counts the proposed ones per author, decides each once', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      const recId = randomUUID();
      const a = amendment(s.id, recId, 'p1');
      const b = {
        ...amendment(s.id, recId, 'p1'),
        reason: 'Pourquoi\nsur deux lignes',
        createdAt: '2999-01-01T00:00:00.000Z',
      };
      const c = amendment(s.id, randomUUID(), 'p1');
      for (const x of [a, b, c]) await storage.amendments.createAmendment(x);
      // Spaces around a passage are kept: they are part of what it replaces.
      expect(await storage.amendments.getAmendment(s.id, a.id)).toEqual(a);
      expect(await storage.amendments.getAmendment('other-session', a.id)).toBeUndefined();
      expect((await storage.amendments.listAmendments(s.id, recId)).map((x) => x.id)).toEqual([a.id, b.id]);
      expect(await storage.amendments.listAmendments(s.id)).toHaveLength(3);
      expect(await storage.amendments.countProposed(recId, 'p1')).toBe(2);
      expect(await storage.amendments.countProposed(recId, 'p2')).toBe(0);
      const decision = {
        status: 'accepted' as const,
        decidedAt: '2026-01-02T00:00:00.000Z',
        decidedBy: 'vote' as const,
        voteId: 'v1',
      };
      expect(await storage.amendments.decideAmendment(a.id, decision)).toBe(true);
      expect(await storage.amendments.decideAmendment(a.id, { ...decision, status: 'rejected' })).toBe(false);
      expect(await storage.amendments.getAmendment(s.id, a.id)).toEqual({ ...a, ...decision });
      expect(await storage.amendments.countProposed(recId, 'p1')).toBe(1);
    });

    it('keeps versions with their texts and state, and the last edit of each person', async () => {
      const s = session();
      await storage.sessions.createSession(s);
      const recId = randomUUID();
      const v1 = version(s.id, recId, '2026-01-01T10:00:00.000Z', ['p1']);
      const v2 = {
        ...version(s.id, recId, '2026-01-01T11:00:00.000Z'),
        reason: 'amendment_accepted' as const,
        amendmentId: 'a1',
      };
      const state = Y.encodeStateAsUpdate(new Y.Doc());
      await storage.history.addVersion(v2, { texts: { fr: 'deux', nl: 'twee' }, state: null });
      await storage.history.addVersion(v1, { texts: { fr: 'un' }, state });
      expect(await storage.history.listVersions(recId)).toEqual([v1, v2]);
      expect(await storage.history.listVersions(randomUUID())).toEqual([]);
      const got = await storage.history.getVersion(recId, v1.id);
      expect(got?.version).toEqual(v1);
      expect(got?.content.texts).toEqual({ fr: 'un' });
      expect(got?.content.state && [...got.content.state]).toEqual([...state]);
      expect((await storage.history.getVersion(recId, v2.id))?.content).toEqual({
        texts: { fr: 'deux', nl: 'twee' },
        state: null,
      });
      expect(await storage.history.getVersion(randomUUID(), v1.id)).toBeUndefined();

      // Who edited is kept for drafts only: none for a document that is no (longer a) recommendation.
      await storage.history.recordEdits([{ docName: recId, participantId: 'p1', at: '2026-01-01T10:00:00.000Z' }]);
      expect(await storage.history.editsSince(recId, null)).toEqual([]);
      await storage.recommendations.createRecommendation({
        id: recId,
        sessionId: s.id,
        title: 'R',
        theme: null,
        status: 'draft',
        titles: {},
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      await storage.history.recordEdits([
        { docName: recId, participantId: 'p1', at: '2026-01-01T10:30:00.000Z' },
        { docName: recId, participantId: 'p2', at: '2026-01-01T09:00:00.000Z' },
      ]);
      // A later time wins; an earlier one (a slow write from another instance) is ignored.
      await storage.history.recordEdits([{ docName: recId, participantId: 'p2', at: '2026-01-01T11:30:00.000Z' }]);
      await storage.history.recordEdits([{ docName: recId, participantId: 'p1', at: '2026-01-01T08:00:00.000Z' }]);
      expect(await storage.history.editsSince(recId, null)).toEqual([
        { docName: recId, participantId: 'p1', at: '2026-01-01T10:30:00.000Z' },
        { docName: recId, participantId: 'p2', at: '2026-01-01T11:30:00.000Z' },
      ]);
      expect((await storage.history.editsSince(recId, v2.createdAt)).map((e) => e.participantId)).toEqual(['p2']);
    });

    it('counts the versions of a session, of one recommendation, of one reason', async () => {
      const s = session();
      const other = session();
      await storage.sessions.createSession(s);
      await storage.sessions.createSession(other);
      const [recA, recB] = [randomUUID(), randomUUID()];
      const content = { texts: { fr: 'x' }, state: null };
      await storage.history.addVersion(version(s.id, recA, '2026-01-01T10:00:00.000Z'), content);
      await storage.history.addVersion(version(s.id, recA, '2026-01-01T10:00:01.000Z'), content);
      await storage.history.addVersion(
        { ...version(s.id, recA, '2026-01-01T10:00:02.000Z'), reason: 'decided' },
        content,
      );
      await storage.history.addVersion(version(s.id, recB, '2026-01-01T10:00:03.000Z'), content);
      await storage.history.addVersion(version(other.id, randomUUID(), '2026-01-01T10:00:04.000Z'), content);
      expect(await storage.history.countVersions({ sessionId: s.id })).toBe(4);
      expect(await storage.history.countVersions({ sessionId: s.id, reason: 'saved' })).toBe(3);
      expect(await storage.history.countVersions({ sessionId: s.id, recommendationId: recA })).toBe(3);
      expect(await storage.history.countVersions({ sessionId: s.id, recommendationId: recA, reason: 'saved' })).toBe(2);
      expect(await storage.history.countVersions({ sessionId: other.id, recommendationId: recA })).toBe(0);
      expect(await storage.history.countVersions({ sessionId: randomUUID() })).toBe(0);
    });

    it('stores the room counts of a vote, replaces them, and removes them when empty', async () => {
      const sess = session();
      await storage.sessions.createSession(sess);
      const vote = {
        id: randomUUID(),
        sessionId: sess.id,
        method: 'approval' as const,
        status: 'open' as const,
        recommendationId: null,
        question: 'À main levée ?',
        amendmentId: null,
        options: [],
        anonymous: false,
        results: 'live' as const,
        quorum: null,
        dotsBudget: null,
        splitByGroup: true,
        frozenTexts: [],
        languagesOverridden: false,
        openedAt: new Date().toISOString(),
        closesAt: null,
        closedAt: null,
      };
      await storage.votes.openVote(vote);
      expect(await storage.roomCounts.getRoomCounts(vote.id)).toBeUndefined();
      await storage.roomCounts.setRoomCounts(vote.id, { administration: { for: 3 } }, vote.openedAt);
      await storage.roomCounts.setRoomCounts(vote.id, { civil_society: { against: 2, abstain: 1 } }, vote.openedAt);
      expect(await storage.roomCounts.getRoomCounts(vote.id)).toEqual({ civil_society: { against: 2, abstain: 1 } });
      await storage.roomCounts.setRoomCounts(vote.id, {}, vote.openedAt);
      expect(await storage.roomCounts.getRoomCounts(vote.id)).toBeUndefined();
    });

    it("keeps a session's place, changes and removes it for that session only", async () => {
      const s = session();
      const other = session({ place: null });
      await storage.sessions.createSession(s);
      await storage.sessions.createSession(other);
      expect((await storage.sessions.getSession(s.id))?.place).toBe('Résidence Palace, Bruxelles');
      expect((await storage.sessions.getSession(s.id))?.timeZone).toBe('America/Argentina/Buenos_Aires');
      expect((await storage.sessions.getSession(other.id))?.place).toBeNull();
      await storage.sessions.setPlace(s.id, 'Vlaams Parlement, zaal De Schelde');
      expect((await storage.sessions.getSession(s.id))?.place).toBe('Vlaams Parlement, zaal De Schelde');
      expect((await storage.sessions.getSession(other.id))?.place).toBeNull();
      await storage.sessions.setPlace(s.id, null);
      expect((await storage.sessions.getSession(s.id))?.place).toBeNull();
    });

    it('stores questions with one upvote per person, moderates, projects one, and deletes them with the session', async () => {
      const s = session();
      const other = session();
      await storage.sessions.createSession(s);
      await storage.sessions.createSession(other);
      const person = (sessionId: string, role: 'participant' | 'observer', name: string) => ({
        id: randomUUID(),
        sessionId,
        name,
        organisation: null,
        organisationType: null,
        role,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
      const obs = person(s.id, 'observer', 'Chloé');
      const voter = person(s.id, 'participant', 'Bram');
      await storage.people.addParticipant(obs);
      await storage.people.addParticipant(voter);
      const question = (id: string, sessionId = s.id, authorId = obs.id) => ({
        id,
        sessionId,
        authorId,
        text: `Question ${id} ?`,
        lang: 'nl',
        state: 'pending' as const,
        projected: false,
        createdAt: `2026-01-01T00:00:0${id.length}.000Z`,
      });
      const { questions } = storage;
      await questions.addQuestion(question('a'));
      await questions.addQuestion(question('bb'));
      await questions.addQuestion(question('ccc', other.id, randomUUID()));
      expect(await questions.countQuestions(s.id, obs.id)).toEqual({ pendingOfAuthor: 2, total: 2 });
      expect(await questions.countQuestions(s.id, voter.id)).toEqual({ pendingOfAuthor: 0, total: 2 });

      expect(await questions.toggleUpvote(s.id, 'a', voter.id)).toBe(true);
      expect(await questions.toggleUpvote(s.id, 'a', obs.id)).toBe(true);
      expect(await questions.toggleUpvote(s.id, 'a', obs.id)).toBe(false);
      expect(await questions.getQuestion(s.id, 'a')).toMatchObject({
        votes: 1,
        authorId: obs.id,
        authorRole: 'observer',
        authorName: 'Chloé',
      });
      expect(await questions.getQuestion(other.id, 'a')).toBeUndefined();
      const upvotes = await questions.listUpvotes(s.id, [voter.id, obs.id]);
      expect([...(upvotes.get(voter.id) ?? [])]).toEqual(['a']);
      expect(upvotes.get(obs.id)?.size).toBe(0);

      expect(await questions.setQuestionState(s.id, 'a', 'approved')).toBe(true);
      expect(await questions.setQuestionState(other.id, 'bb', 'approved')).toBe(false);
      await questions.setProjected(s.id, 'a');
      await questions.setProjected(other.id, 'ccc');
      expect((await questions.getQuestion(s.id, 'a'))?.projected).toBe(true);
      // Hiding takes it off the projector; the other session's projection stays.
      await questions.setQuestionState(s.id, 'a', 'hidden');
      expect((await questions.getQuestion(s.id, 'a'))?.projected).toBe(false);
      expect((await questions.getQuestion(other.id, 'ccc'))?.projected).toBe(true);
      expect((await questions.countQuestions(s.id, obs.id)).pendingOfAuthor).toBe(1);
      await questions.deleteQuestion(s.id, 'bb');
      expect((await questions.listQuestions(s.id)).map((q) => q.id)).toEqual(['a']);

      // A merge folds the upvotes (one per question) and the authorship into the kept row.
      const twin = person(s.id, 'observer', 'Chloé bis');
      await storage.people.addParticipant(twin);
      await questions.setQuestionState(s.id, 'a', 'approved');
      await questions.toggleUpvote(s.id, 'a', twin.id);
      await questions.toggleUpvote(s.id, 'a', obs.id);
      expect((await questions.getQuestion(s.id, 'a'))?.votes).toBe(3);
      await questions.retireAuthor(s.id, obs.id, twin.id);
      expect(await questions.getQuestion(s.id, 'a')).toMatchObject({ votes: 2, authorId: twin.id });
      // A removal withdraws the upvotes.
      await questions.retireAuthor(s.id, voter.id, null);
      expect((await questions.getQuestion(s.id, 'a'))?.votes).toBe(1);
      await questions.setQuestionState(s.id, 'a', 'hidden');

      // Retention's pseudonyms reach the author's name: questions keep only the id.
      await storage.sessions.anonymiseSession(s.id, '2026-02-01T00:00:00.000Z', (n) => `Participant ${n}`);
      expect((await questions.getQuestion(s.id, 'a'))?.authorName).toMatch(/^Participant \d$/);

      await storage.sessions.deleteSession(s.id, []);
      expect(await questions.listQuestions(s.id)).toEqual([]);
      expect((await questions.listUpvotes(s.id, [voter.id])).get(voter.id)?.size).toBe(0);
      expect(await questions.listQuestions(other.id)).toHaveLength(1);
    });

    it('closes the shared codes, rotates them, and deletes a session with everything of it', async () => {
      const s = session();
      const other = session();
      await storage.sessions.createSession(s);
      await storage.sessions.createSession(other);
      await storage.sessions.setOpenJoin(s.id, false);
      expect((await storage.sessions.getSession(s.id))?.openJoin).toBe(false);
      await storage.sessions.setShortCodes(s.id, 'ROTATED1', 'ROTATED2');
      expect(await storage.sessions.findSessionByCode(s.participantCode, 'x')).toBeUndefined();
      expect((await storage.sessions.findSessionByCode('ROTATED2', 'x'))?.id).toBe(s.id);
      await expect(storage.sessions.setShortCodes(other.id, 'ROTATED1', 'OTHER123')).rejects.toBeInstanceOf(
        UniqueViolation,
      );

      for (const sess of [s, other]) {
        const p = {
          id: randomUUID(),
          sessionId: sess.id,
          name: 'N',
          organisation: null,
          organisationType: null,
          role: 'participant' as const,
          createdAt: '2026-01-01T00:00:00.000Z',
        };
        await storage.people.addParticipant(p);
        const rec = {
          id: randomUUID(),
          sessionId: sess.id,
          title: 'R',
          theme: null,
          status: 'draft' as const,
          titles: {},
          createdAt: p.createdAt,
        };
        await storage.recommendations.createRecommendation(rec);
        await storage.docs.appendDocUpdates(rec.id, [new Uint8Array([7])]);
        const vote = {
          id: randomUUID(),
          sessionId: sess.id,
          method: 'approval' as const,
          status: 'open' as const,
          recommendationId: rec.id,
          question: null,
          options: [],
          anonymous: false,
          results: 'live' as const,
          quorum: null,
          dotsBudget: null,
          splitByGroup: false,
          frozenTexts: [],
          languagesOverridden: false,
          amendmentId: null,
          openedAt: p.createdAt,
          closesAt: null,
          closedAt: null,
        };
        await storage.votes.openVote(vote);
        await storage.votes.castBallots([
          {
            voteId: vote.id,
            voterKey: p.id,
            participantId: p.id,
            group: 'unspecified',
            ballot: { choice: 'for' },
            castAt: p.createdAt,
          },
        ]);
        await storage.amendments.createAmendment(amendment(sess.id, rec.id, p.id));
        await storage.history.addVersion(version(sess.id, rec.id, '2026-01-01T00:00:01.000Z', [p.id]), {
          texts: { fr: 'T' },
          state: new Uint8Array([1, 2]),
        });
        await storage.history.recordEdits([{ docName: rec.id, participantId: p.id, at: p.createdAt }]);
        await storage.roomCounts.setRoomCounts(vote.id, { unspecified: { for: 4 } }, p.createdAt);
      }
      const [rec] = await storage.recommendations.listRecommendations(s.id);
      const [vote] = await storage.votes.listVotes(s.id);
      await storage.sessions.deleteSession(s.id, [rec!.id]);
      await storage.sessions.reclaimDeletedSession();
      expect(await storage.sessions.getSession(s.id)).toBeUndefined();
      expect(await storage.people.listPeople(s.id)).toEqual([]);
      expect(await storage.recommendations.listRecommendations(s.id)).toEqual([]);
      expect(await storage.votes.listVotes(s.id)).toEqual([]);
      expect(await storage.votes.listBallots(vote!.id)).toEqual([]);
      expect(await storage.roomCounts.getRoomCounts(vote!.id)).toBeUndefined();
      expect((await storage.docs.loadDoc(rec!.id)).updates).toEqual([]);
      expect(await storage.amendments.listAmendments(s.id)).toEqual([]);
      expect(await storage.history.listVersions(rec!.id)).toEqual([]);
      expect(await storage.history.editsSince(rec!.id, null)).toEqual([]);
      // The other session is untouched.
      const [otherRec] = await storage.recommendations.listRecommendations(other.id);
      expect(await storage.amendments.listAmendments(other.id)).toHaveLength(1);
      expect(await storage.history.listVersions(otherRec!.id)).toHaveLength(1);
      expect(await storage.history.editsSince(otherRec!.id, null)).toHaveLength(1);
      expect((await storage.docs.loadDoc(otherRec!.id)).updates).toHaveLength(1);
      expect(await storage.people.listPeople(other.id)).toHaveLength(1);
    });
  });
}
