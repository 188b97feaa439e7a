import { THEMES, type RecommendationDto, type Theme } from '@roundtable/protocol/client';

export interface ThemeGroup {
  /** null collects recommendations without a theme; listed last. */
  theme: Theme | null;
  recommendations: RecommendationDto[];
}

/** Groups recommendations by theme, themes in their canonical order, each group by creation. */
export function groupByTheme(recommendations: readonly RecommendationDto[]): ThemeGroup[] {
  const order: (Theme | null)[] = [...THEMES, null];
  return order
    .map((theme) => ({
      theme,
      recommendations: recommendations
        .filter((r) => r.theme === theme)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    }))
    .filter((g) => g.recommendations.length > 0);
}
