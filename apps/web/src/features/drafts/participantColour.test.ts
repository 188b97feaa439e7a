import { describe, expect, it } from 'vitest';
import { participantColour } from './participantColour';

describe('participantColour', () => {
  it('gives the same participant the same colour every time', () => {
    expect(participantColour('p-123')).toBe(participantColour('p-123'));
  });

  it('returns a six-digit hex colour, the only form CollaborationCaret accepts', () => {
    for (const id of ['', 'a', 'p-1', 'é', '0'.repeat(200)]) expect(participantColour(id)).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('spreads participants over the whole palette', () => {
    const colours = new Set(Array.from({ length: 200 }, (_, i) => participantColour(`participant-${i}`)));
    expect(colours.size).toBe(8);
  });

  it('hashes the id (FNV-1a): the empty id takes the offset basis', () => {
    // 0x811c9dc5 % 8 === 5: the sixth colour, teal.
    expect(participantColour('')).toBe('#0f766e');
  });
});
