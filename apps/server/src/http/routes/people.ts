import { Router } from 'express';
import {
  InvitationsBody,
  MergeParticipantsBody,
  ParticipantId,
  UpdateSessionBody,
  type AttendanceResponse,
  type InvitationResponse,
  type InvitationsResponse,
  type SessionResponse,
} from '@roundtable/protocol';
import { attendanceCsv } from '../../people/attendanceCsv.js';
import { reportWords } from '../../report/reportWords.js';
import { toSessionDto } from '../../sessions/SessionService.js';
import { requirePermission, requireSessionToken } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { parse } from '../validate.js';

/** People (api-v1.1): invitations, attendance, removal and merging, codes, deleting a session. */
export function peopleRouter({ people, sessions, admission }: HttpDeps): Router {
  const router = Router();
  const auth = requireSessionToken(admission);

  router.post('/sessions/:sessionId/invitations', auth, async (req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    const body: InvitationsResponse = { invitations: await people.invite(sessionId, parse(InvitationsBody, req.body)) };
    res.status(201).json(body);
  });

  router.post('/sessions/:sessionId/participants/merge', auth, async (req, res) => {
    const { sessionId, participantId } = requirePermission(res, 'manageSession');
    res.json({ person: await people.merge(sessionId, parse(MergeParticipantsBody, req.body), participantId) });
  });

  router.post('/sessions/:sessionId/participants/:participantId/code', auth, async (req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    const body: InvitationResponse = {
      invitation: await people.reissueCode(sessionId, parse(ParticipantId, req.params.participantId)),
    };
    res.json(body);
  });

  router.delete('/sessions/:sessionId/participants/:participantId', auth, async (req, res) => {
    const { sessionId, participantId } = requirePermission(res, 'manageSession');
    await people.remove(sessionId, parse(ParticipantId, req.params.participantId), participantId);
    res.status(204).end();
  });

  router.get('/sessions/:sessionId/attendance', auth, async (req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    const rows = await people.attendance(sessionId);
    if (req.query.format === 'csv') {
      const session = await sessions.getSession(sessionId);
      res
        .type('text/csv; charset=utf-8')
        .attachment('attendance.csv')
        .send(attendanceCsv(rows, reportWords(session.language)));
      return;
    }
    const body: AttendanceResponse = { people: rows };
    res.json(body);
  });

  router.patch('/sessions/:sessionId', auth, async (req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    const patch = parse(UpdateSessionBody, req.body);
    if (patch.openJoin !== undefined) await people.setOpenJoin(sessionId, patch.openJoin);
    if (patch.retentionDays !== undefined) await people.setRetention(sessionId, patch.retentionDays);
    if (patch.place !== undefined) await people.setPlace(sessionId, patch.place);
    const body: SessionResponse = { session: toSessionDto(await sessions.getSession(sessionId)) };
    res.json(body);
  });

  router.post('/sessions/:sessionId/codes/rotate', auth, async (_req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    res.json(await people.rotateCodes(sessionId));
  });

  router.delete('/sessions/:sessionId', auth, async (_req, res) => {
    const { sessionId } = requirePermission(res, 'manageSession');
    await people.deleteSession(sessionId);
    res.status(204).end();
  });

  return router;
}
