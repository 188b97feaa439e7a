import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoteDto } from '@roundtable/protocol';
import { votePanelHeadingId } from './voteText';

/** Short fingerprint of the frozen text, for people comparing a printout with the record. */
const FINGERPRINT_LENGTH = 12;

function Paragraphs({ text }: { text: string }) {
  const { t } = useTranslation();
  const paragraphs = text.split('\n').filter((p) => p.trim() !== '');
  if (paragraphs.length === 0) return <p className="hint">{t('votes.frozen.empty')}</p>;
  return (
    <>
      {paragraphs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a frozen text never changes; its paragraphs have no id and may repeat
        <p key={i}>{p}</p>
      ))}
    </>
  );
}

/**
 * The exact text put to the vote, as the server froze it when the vote opened: what people
 * vote on, even if their own screen still shows an edit the server never accepted.
 */
export function FrozenTexts({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  if (vote.frozenTexts.length === 0) return null;
  const labelOf = (recommendationId: string) =>
    vote.options.find((o) => o.recommendationId === recommendationId)?.label ?? '';

  return (
    <section
      className="frozen"
      aria-labelledby={`${votePanelHeadingId(vote.id)} ${id}-heading`}
      data-testid="frozen-texts"
    >
      <h4 id={`${id}-heading`}>{t('votes.frozen.heading', { count: vote.frozenTexts.length })}</h4>
      {vote.frozenTexts.length === 1 ? (
        <>
          <blockquote className="frozen__text" data-testid="frozen-text">
            <Paragraphs text={vote.frozenTexts[0]!.text} />
          </blockquote>
          <p className="hint">
            {t('votes.frozen.fingerprint', { hash: vote.frozenTexts[0]!.sha256.slice(0, FINGERPRINT_LENGTH) })}
          </p>
        </>
      ) : (
        vote.frozenTexts.map((f) => (
          <details key={f.recommendationId} className="frozen__item">
            <summary>{labelOf(f.recommendationId)}</summary>
            <blockquote className="frozen__text" data-testid="frozen-text">
              <Paragraphs text={f.text} />
            </blockquote>
            <p className="hint">{t('votes.frozen.fingerprint', { hash: f.sha256.slice(0, FINGERPRINT_LENGTH) })}</p>
          </details>
        ))
      )}
    </section>
  );
}
