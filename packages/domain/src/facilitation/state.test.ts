import { describe, expect, it } from 'vitest';
import { FacilitationState, MeetingState } from '@roundtable/protocol';
import { giveFloor } from './floor.js';
import { initialFacilitationState, meetingStateFor } from './state.js';

describe('meeting state per audience', () => {
  const state = giveFloor(
    initialFacilitationState('s1'),
    { participantId: 'a', name: 'A' },
    { now: 100, groupOf: () => 'civil_society' },
  );
  const spoken = giveFloor(state, { participantId: 'b', name: 'B' }, { now: 400, groupOf: () => 'civil_society' });

  it('is a valid stored state from the start', () => {
    expect(FacilitationState.parse(initialFacilitationState('s1'))).toEqual(initialFacilitationState('s1'));
  });

  it('gives facilitators the speaking time', () => {
    const view = meetingStateFor(spoken, 'facilitator', 500);
    expect(MeetingState.parse(view)).toEqual(view);
    expect(view.speakingTime).toEqual(spoken.speakingTime);
    expect(view.serverNow).toBe(500);
  });

  it('gives participants and observers no speaking time and no group of anyone', () => {
    for (const role of ['participant', 'observer'] as const) {
      const view = meetingStateFor(spoken, role, 500);
      expect(MeetingState.parse(view)).toEqual(view);
      expect('speakingTime' in view).toBe(false);
      expect(JSON.stringify(view)).not.toContain('civil_society');
    }
  });
});
