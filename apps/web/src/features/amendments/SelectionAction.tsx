import { useTranslation } from 'react-i18next';
import type { Language } from '@roundtable/protocol/client';
import type { SelectedText } from '../drafts/CollaborativeEditor';
import { quoteShort } from './amendmentModel';

/** A passage selected in a draft (in one of its language versions), to propose a change to. */
export interface SelectedPassage extends SelectedText {
  lang?: Language;
}

interface Props {
  selected: SelectedPassage | null;
  onPropose: (passage: SelectedPassage) => void;
}

/**
 * Under the draft: while text is selected in it, a button to propose a change to that passage.
 * A plain button in the page's flow (no floating toolbar): it stays visible beside a phone's
 * own selection handles, and the keyboard reaches it with Tab after Shift+arrows.
 */
export function SelectionAction({ selected, onPropose }: Props) {
  const { t } = useTranslation();
  return (
    <div className="selection-action" data-testid="selection-action">
      {selected && (
        <>
          <button
            type="button"
            className="button button--primary"
            data-testid="propose-from-selection"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPropose(selected)}
          >
            {t('amendments.proposeSelection')}
            <span className="visually-hidden">: {quoteShort(selected.text)}</span>
          </button>
          {selected.occurrences > 1 && (
            <p className="hint" data-testid="selection-repeated">
              {t('amendments.selectionRepeated')}
            </p>
          )}
        </>
      )}
    </div>
  );
}
