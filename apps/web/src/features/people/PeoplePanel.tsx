import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceRow } from '@roundtable/protocol/client';
import { api } from '../../lib/api';
import { ErrorAlert } from '../shell/ErrorAlert';
import { AttendancePanel } from './AttendancePanel';
import { DeleteSession } from './DeleteSession';
import { InvitationsPanel } from './InvitationsPanel';
import { RetentionSetting } from './RetentionSetting';

interface Props {
  sessionId: string;
  token: string;
  myId: string;
  /** From the snapshot; undefined while loading. */
  retentionDays: number | null | undefined;
  anonymisedAt: string | null | undefined;
}

/** Facilitators: invitations, attendance and deleting the session (api-v1.1, People). */
export function PeoplePanel({ sessionId, token, myId, retentionDays, anonymisedAt }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [people, setPeople] = useState<AttendanceRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(() => {
    api.getAttendance(sessionId, token).then(
      (res) => {
        setPeople(res.people);
        setError(null);
      },
      (err: unknown) => setError(err),
    );
  }, [sessionId, token]);
  useEffect(reload, [reload]);

  return (
    <section className="card people" aria-labelledby={`${id}-heading`} data-testid="people">
      <h2 id={`${id}-heading`}>{t('people.heading')}</h2>
      <ErrorAlert error={error} />
      <InvitationsPanel sessionId={sessionId} token={token} onInvited={reload} />
      <AttendancePanel sessionId={sessionId} token={token} myId={myId} people={people} reload={reload} />
      <RetentionSetting sessionId={sessionId} token={token} retentionDays={retentionDays} anonymisedAt={anonymisedAt} />
      <DeleteSession sessionId={sessionId} token={token} />
    </section>
  );
}
