import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ALIGNMENT_MAP, PARAGRAPH_ID_ATTRIBUTE } from '@roundtable/protocol';
import { AlignmentTracker } from './AlignmentTracker.js';

/** A client connection as DocRoom passes it as transaction origin. */
const conn = (participantId: string, name: string) => ({ participantId, name });

function paragraph(pid: string | null, text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (pid) p.setAttribute(PARAGRAPH_ID_ATTRIBUTE, pid);
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function setup(now = () => new Date('2026-01-01T10:00:00.000Z')) {
  const doc = new Y.Doc();
  const tracker = new AlignmentTracker(doc, ['fr', 'nl'], now);
  const fr = doc.getXmlFragment('body');
  const nl = doc.getXmlFragment('body_nl');
  const stamps = doc.getMap(ALIGNMENT_MAP);
  return { doc, tracker, fr, nl, stamps };
}

describe('AlignmentTracker', () => {
  it("stamps a client's edits by paragraph and version, and nobody else's", () => {
    const { doc, fr, nl, stamps, tracker } = setup();
    doc.transact(() => fr.insert(0, [paragraph('a', 'Un.')]), conn('u1', 'Anne'));
    expect(stamps.get('edit:fr:a')).toEqual({ seq: 1, at: '2026-01-01T10:00:00.000Z', by: 'u1', name: 'Anne' });
    // An update from another instance or from storage (no participant) is not stamped again.
    doc.transact(() => nl.insert(0, [paragraph('a', 'Een.')]), Symbol('bus'));
    expect(stamps.has('edit:nl:a')).toBe(false);
    expect(tracker.alignment().versions.map((v) => v.status)).toEqual(['aligned', 'out_of_date']);
  });

  it('finds the paragraph of a nested change, an id given in place, and a deletion', () => {
    const { doc, fr, stamps } = setup();
    doc.transact(() => fr.insert(0, [paragraph('a', 'Un.'), paragraph(null, 'Deux.')]), conn('u1', 'Anne'));
    expect([...stamps.keys()]).toEqual(['edit:fr:a']);
    doc.transact(() => (fr.get(1) as Y.XmlElement).setAttribute(PARAGRAPH_ID_ATTRIBUTE, 'b'), conn('u2', 'Bram'));
    expect(stamps.get('edit:fr:b')).toMatchObject({ by: 'u2' });
    doc.transact(() => ((fr.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'Vraiment '), conn('u2', 'Bram'));
    expect(stamps.get('edit:fr:a')).toMatchObject({ by: 'u2' });
    doc.transact(() => fr.delete(1, 1), conn('u1', 'Anne'));
    expect(stamps.get('edit:fr:b')).toMatchObject({ by: 'u1' });
  });

  it('writes one stamp while one person keeps typing, and confirms only what changed', () => {
    let clock = Date.parse('2026-01-01T10:00:00.000Z');
    const { doc, fr, tracker } = setup(() => new Date(clock));
    let updates = 0;
    doc.on('update', () => updates++);
    doc.transact(() => fr.insert(0, [paragraph('a', '')]), conn('u1', 'Anne'));
    const text = (fr.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    updates = 0;
    for (const ch of 'Bonjour') doc.transact(() => text.insert(text.length, ch), conn('u1', 'Anne'));
    expect(updates).toBe(7);
    clock += 60_000;
    doc.transact(() => text.insert(text.length, '!'), conn('u1', 'Anne'));
    expect(updates).toBe(9);
    expect(tracker.confirm('nl', { participantId: 'u2', name: 'Bram' })).toBe(true);
    expect(tracker.confirm('nl', { participantId: 'u2', name: 'Bram' })).toBe(false);
  });
});
