import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrozenText, Language, VoteDto } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { useSessionContext } from '../session/sessionContext';
import { LanguageTabs, preferredLanguage } from '../drafts/LanguageTabs';
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
 * The frozen texts of a vote: votes and snapshots carry their hashes only, so the words are
 * fetched once (they never change) and checked against nothing here: the server is the one
 * that froze them. null while loading, or when the fetch failed (the hashes still show).
 */
function useFrozenTexts(vote: VoteDto): FrozenText[] | null {
  const { credentials } = useSessionContext();
  const [texts, setTexts] = useState<FrozenText[] | null>(null);
  const wanted = vote.frozenTexts.length > 0;
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    api
      .getFrozenTexts(credentials.sessionId, credentials.token, vote.id, abort.signal)
      .then((r) => setTexts(r.texts))
      .catch(() => undefined);
    return () => abort.abort();
  }, [credentials.sessionId, credentials.token, vote.id, wanted]);
  return texts;
}

/** One recommendation's frozen versions: the reader's language first, a switch to the others. */
function FrozenVersions({ refs, texts }: { refs: VoteDto['frozenTexts']; texts: FrozenText[] | null }) {
  const { t, i18n } = useTranslation();
  const languages = refs.map((r) => r.lang);
  const [lang, setLang] = useState<Language>(() => preferredLanguage(languages, i18n.language));
  const ref = refs.find((r) => r.lang === lang) ?? refs[0]!;
  const text = texts?.find((f) => f.recommendationId === ref.recommendationId && f.lang === ref.lang);
  const panelId = useId();
  return (
    <>
      {languages.length > 1 && (
        <LanguageTabs languages={languages} value={ref.lang} onChange={setLang} controls={panelId} />
      )}
      <blockquote
        id={panelId}
        className="frozen__text"
        data-testid="frozen-text"
        data-lang={ref.lang}
        lang={ref.lang}
        aria-busy={text === undefined}
      >
        {text ? <Paragraphs text={text.text} /> : <p className="hint">{t('common.loading')}</p>}
      </blockquote>
      <p className="hint">{t('votes.frozen.fingerprint', { hash: ref.sha256.slice(0, FINGERPRINT_LENGTH) })}</p>
    </>
  );
}

/**
 * The exact text put to the vote, as the server froze it when the vote opened: what people
 * vote on, even if their own screen still shows an edit the server never accepted. In a
 * session with several languages, each voter reads their language and may switch.
 */
export function FrozenTexts({ vote }: { vote: VoteDto }) {
  const { t } = useTranslation();
  const id = useId();
  const texts = useFrozenTexts(vote);
  if (vote.frozenTexts.length === 0) return null;
  const byRecommendation = new Map<string, VoteDto['frozenTexts']>();
  for (const f of vote.frozenTexts) {
    byRecommendation.set(f.recommendationId, [...(byRecommendation.get(f.recommendationId) ?? []), f]);
  }
  const labelOf = (recommendationId: string) =>
    vote.options.find((o) => o.recommendationId === recommendationId)?.label ?? '';

  return (
    <section
      className="frozen"
      aria-labelledby={`${votePanelHeadingId(vote.id)} ${id}-heading`}
      data-testid="frozen-texts"
    >
      <h4 id={`${id}-heading`}>{t('votes.frozen.heading', { count: byRecommendation.size })}</h4>
      {byRecommendation.size === 1 ? (
        <FrozenVersions refs={vote.frozenTexts} texts={texts} />
      ) : (
        [...byRecommendation].map(([recommendationId, refs]) => (
          <details key={recommendationId} className="frozen__item">
            <summary>{labelOf(recommendationId)}</summary>
            <FrozenVersions refs={refs} texts={texts} />
          </details>
        ))
      )}
    </section>
  );
}
