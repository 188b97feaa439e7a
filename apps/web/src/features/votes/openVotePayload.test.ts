import { describe, expect, it } from 'vitest';
import { MAX_DOTS_BUDGET, MAX_VOTE_OPTIONS } from '@roundtable/protocol';
import { MAX_MINUTES, buildOpenPayload, effectiveTarget, parseOptions, type OpenVoteFields } from './openVotePayload';

const fields = (over: Partial<OpenVoteFields>): OpenVoteFields => ({
  method: 'approval',
  target: 'recommendation',
  recommendationId: 'r1',
  recommendationIds: [],
  question: '',
  optionsText: '',
  anonymous: true,
  results: 'live',
  quorum: '',
  minutes: '',
  dotsBudget: '',
  splitByGroup: false,
  ...over,
});
const eligible = new Set(['r1', 'r2', 'r3']);

describe('effectiveTarget', () => {
  it('reads one or several recommendations by the method', () => {
    expect(effectiveTarget('approval', 'recommendations')).toBe('recommendation');
    expect(effectiveTarget('consent', 'recommendation')).toBe('recommendation');
    expect(effectiveTarget('ranking', 'recommendation')).toBe('recommendations');
    expect(effectiveTarget('dots', 'recommendations')).toBe('recommendations');
  });
  it('keeps a question a question', () => expect(effectiveTarget('score', 'question')).toBe('question'));
});

describe('parseOptions', () => {
  it('takes one option per non-blank line, trimmed', () => {
    expect(parseOptions('  A \n\n B\n   \nC')).toEqual(['A', 'B', 'C']);
    expect(parseOptions('')).toEqual([]);
  });
});

describe('buildOpenPayload', () => {
  it('opens a vote on one eligible recommendation, with only the settings given', () => {
    expect(buildOpenPayload(fields({}), eligible)).toEqual({
      method: 'approval',
      anonymous: true,
      results: 'live',
      splitByGroup: false,
      recommendationId: 'r1',
    });
  });

  it('refuses a recommendation that is no longer eligible', () => {
    expect(buildOpenPayload(fields({ recommendationId: 'gone' }), eligible)).toBe('votes.open.problems.recommendation');
  });

  it('turns quorum and minutes into numbers, minutes into seconds', () => {
    expect(buildOpenPayload(fields({ quorum: '5', minutes: ' 2 ' }), eligible)).toMatchObject({
      quorum: 5,
      durationSeconds: 120,
    });
    expect(buildOpenPayload(fields({ minutes: String(MAX_MINUTES) }), eligible)).toMatchObject({
      durationSeconds: MAX_MINUTES * 60,
    });
  });

  it('refuses numbers that are not whole or out of range', () => {
    for (const over of [
      { quorum: '0' },
      { quorum: '2.5' },
      { quorum: 'abc' },
      { minutes: String(MAX_MINUTES + 1) },
      { minutes: '-1' },
    ]) {
      expect(buildOpenPayload(fields(over), eligible), JSON.stringify(over)).toBe('votes.open.problems.number');
    }
  });

  it('reads the dots budget for dot voting only', () => {
    expect(buildOpenPayload(fields({ dotsBudget: '999' }), eligible)).not.toHaveProperty('dotsBudget');
    const dots = fields({
      method: 'dots',
      target: 'recommendations',
      recommendationIds: ['r1', 'r2'],
      dotsBudget: '3',
    });
    expect(buildOpenPayload(dots, eligible)).toMatchObject({ dotsBudget: 3, recommendationIds: ['r1', 'r2'] });
    expect(buildOpenPayload({ ...dots, dotsBudget: String(MAX_DOTS_BUDGET + 1) }, eligible)).toBe(
      'votes.open.problems.number',
    );
  });

  it('prioritises the eligible recommendations ticked, at least two', () => {
    const ranking = fields({ method: 'ranking', target: 'recommendations', recommendationIds: ['r1', 'gone', 'r3'] });
    expect(buildOpenPayload(ranking, eligible)).toMatchObject({ recommendationIds: ['r1', 'r3'] });
    expect(buildOpenPayload({ ...ranking, recommendationIds: ['r1', 'gone'] }, eligible)).toBe(
      'votes.open.problems.recommendations',
    );
  });

  it('refuses more recommendations than a vote may have options', () => {
    const many = Array.from({ length: MAX_VOTE_OPTIONS + 1 }, (_, i) => `r${i}`);
    const ranking = fields({ method: 'ranking', target: 'recommendations', recommendationIds: many });
    expect(buildOpenPayload(ranking, new Set(many))).toBe('votes.open.problems.recommendations');
  });

  it('puts a question to a single-motion vote, and needs one', () => {
    expect(buildOpenPayload(fields({ target: 'question', question: '  Adjourn?  ' }), eligible)).toMatchObject({
      question: 'Adjourn?',
    });
    expect(buildOpenPayload(fields({ target: 'question', question: '   ' }), eligible)).toBe(
      'votes.open.problems.question',
    );
  });

  it('gives a multi-option question its options, the question being optional', () => {
    const score = fields({ method: 'score', target: 'question', optionsText: 'A\nB' });
    const payload = buildOpenPayload(score, eligible);
    expect(payload).toMatchObject({ options: ['A', 'B'] });
    expect(payload).not.toHaveProperty('question');
    expect(buildOpenPayload({ ...score, question: 'Which?' }, eligible)).toMatchObject({ question: 'Which?' });
    expect(buildOpenPayload({ ...score, optionsText: 'A\n\n' }, eligible)).toBe('votes.open.problems.options');
    const tooMany = Array.from({ length: MAX_VOTE_OPTIONS + 1 }, (_, i) => `o${i}`).join('\n');
    expect(buildOpenPayload({ ...score, optionsText: tooMany }, eligible)).toBe('votes.open.problems.options');
  });

  it('reports a bad number before a missing target', () => {
    expect(buildOpenPayload(fields({ recommendationId: 'gone', quorum: 'x' }), eligible)).toBe(
      'votes.open.problems.number',
    );
  });
});
