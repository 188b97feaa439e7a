import { useTranslation } from 'react-i18next';

export interface ResultRow {
  key: string;
  label: string;
  /** The figure in words, e.g. "3" or "3.5 / 5". */
  value: string;
  /** 0..1: the bar's length, also written out as a percentage. */
  share: number;
  /** Marked in words (not only bold) when it leads. */
  leading?: boolean;
}

interface Props {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  shareHeader: string;
  rows: ResultRow[];
}

/**
 * Results as a table: a screen reader reads each row as label, figure and percentage. The bar
 * repeats the percentage for sighted readers and is hidden from assistive technology; it is
 * never the only carrier of the result.
 */
export function ResultTable({ caption, labelHeader, valueHeader, shareHeader, rows }: Props) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <table className="results-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col">{valueHeader}</th>
          <th scope="col">{shareHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-key={r.key} data-leading={r.leading ?? false}>
            <th scope="row">
              {r.label}
              {r.leading && <strong className="results-table__leading"> · {t('votes.results.leading')}</strong>}
            </th>
            <td className="results-table__value">{r.value}</td>
            <td className="results-table__share">
              <span className="bar" aria-hidden="true">
                <span
                  className="bar__fill"
                  style={{ width: `${Math.round(Math.min(1, Math.max(0, r.share)) * 100)}%` }}
                />
              </span>
              <span className="bar__text">{percent.format(Number.isFinite(r.share) ? r.share : 0)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
