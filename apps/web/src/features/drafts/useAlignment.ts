import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { type Alignment, computeAlignment, parseAlignment } from '@roundtable/domain';
import {
  ALIGNMENT_MAP,
  type Language,
  PARAGRAPH_ID_ATTRIBUTE,
  draftBodyField,
  isParagraphId,
} from '@roundtable/protocol/client';

function paragraphIds(fragment: Y.XmlFragment): string[] {
  const ids: string[] = [];
  for (const child of fragment.toArray()) {
    const pid = child instanceof Y.XmlElement ? child.getAttribute(PARAGRAPH_ID_ATTRIBUTE) : undefined;
    if (isParagraphId(pid)) ids.push(pid);
  }
  return ids;
}

/**
 * The alignment of a multilingual draft's versions, live: the same rule the server applies
 * (computeAlignment), over the stamps the server writes into the document. Recomputed after
 * each change of a version or of the stamps.
 */
export function useAlignment(ydoc: Y.Doc | undefined, languages: readonly Language[]): Alignment | null {
  const [alignment, setAlignment] = useState<Alignment | null>(null);
  const key = languages.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the languages array, which is rebuilt on every render
  useEffect(() => {
    if (!ydoc || languages.length < 2) return;
    const map = ydoc.getMap(ALIGNMENT_MAP);
    const fragments = languages.map((l) => [l, ydoc.getXmlFragment(draftBodyField(l, languages))] as const);
    let last = '';
    const update = () => {
      const next = computeAlignment(
        languages,
        Object.fromEntries(fragments.map(([l, f]) => [l, paragraphIds(f)])),
        parseAlignment(map.entries(), languages),
      );
      // Editors open empty transactions on every view update: a new object each time
      // would re-render the page, which updates the views, and so on.
      const json = JSON.stringify(next);
      if (json === last) return;
      last = json;
      setAlignment(next);
    };
    update();
    // One recomputation per transaction, whatever it touched.
    ydoc.on('afterTransaction', update);
    return () => ydoc.off('afterTransaction', update);
  }, [ydoc, key]);
  return alignment;
}
