import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { session, type SuiteContext } from './fixtures.js';

/** QuestionStore: questions, upvotes, moderation, the projected one. */
export function questionsCases(ctx: SuiteContext): void {
  it('stores questions with one upvote per person, moderates, projects one, and deletes them with the session', async () => {
    const { storage } = ctx;
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
    // Six toggles at once (devices of one person): each counts, so three add and three withdraw.
    const racing = await Promise.all(Array.from({ length: 6 }, () => questions.toggleUpvote(s.id, 'a', voter.id)));
    expect(racing.filter(Boolean)).toHaveLength(3);
    expect((await questions.getQuestion(s.id, 'a'))?.votes).toBe(1);
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
}
