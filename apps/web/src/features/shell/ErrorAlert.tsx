import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '@roundtable/protocol/client';
import { ApiError } from '../../lib/api';
import type { Catalogue } from '../../lib/i18n/i18n';

/** Any message of the catalogue's `errors` group. */
export type ErrorKey = `errors.${keyof Catalogue['errors'] & string}`;

const KEY_OF_CODE: Partial<Record<ErrorCode | 'network', ErrorKey>> = {
  network: 'errors.network',
  unavailable: 'errors.network',
  invalid_request: 'errors.invalid',
  unauthorized: 'errors.unauthorized',
  forbidden: 'errors.forbidden',
  not_found: 'errors.notFound',
  rate_limited: 'errors.rateLimited',
  conflict: 'errors.conflict',
  vote_closed: 'errors.voteClosed',
  invalid_ballot: 'errors.invalidBallot',
  too_many_versions: 'errors.tooManyVersions',
};

interface Props {
  error: unknown;
  /** What a code means where this alert is shown, e.g. a 403 on join is a wrong code. */
  overrides?: Partial<Record<ErrorCode, ErrorKey>>;
}

/** A translated, announced message for a failed call. The server's English message is never shown. */
export function ErrorAlert({ error, overrides }: Props) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : undefined;
  const key = (code && code !== 'network' && overrides?.[code]) || (code && KEY_OF_CODE[code]) || 'errors.generic';
  return (
    <p className="alert alert--error" role="alert">
      {t(key)}
    </p>
  );
}
