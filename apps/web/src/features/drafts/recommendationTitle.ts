import { useTranslation } from 'react-i18next';
import type { RecommendationDto } from '@roundtable/protocol/client';

/**
 * A recommendation's title in the reader's interface language when it has one there (api-v1
 * 1.1 language versions), else its first language's: a Dutch reader of a bilingual session
 * sees "Toegang tot huisvesting", not "Accès au logement".
 */
export function titleIn(recommendation: Pick<RecommendationDto, 'title' | 'titles'>, language: string): string {
  const lang = language.slice(0, 2) as keyof RecommendationDto['titles'];
  return recommendation.titles?.[lang] ?? recommendation.title;
}

/** `titleIn` for the current interface language. */
export function useRecommendationTitle(): (recommendation: Pick<RecommendationDto, 'title' | 'titles'>) => string {
  const { i18n } = useTranslation();
  return (recommendation) => titleIn(recommendation, i18n.language);
}
