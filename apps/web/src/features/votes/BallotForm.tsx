import type { VoteDto } from '@roundtable/protocol/client';
import { ApprovalBallotForm } from './ballots/ApprovalBallotForm';
import { ConsentBallotForm } from './ballots/ConsentBallotForm';
import { DotsBallotForm } from './ballots/DotsBallotForm';
import { RankingBallotForm } from './ballots/RankingBallotForm';
import { ScoreBallotForm } from './ballots/ScoreBallotForm';

/** The ballot of an open vote, in the form its method asks for. */
export function BallotForm({ vote }: { vote: VoteDto }) {
  switch (vote.method) {
    case 'approval':
      return <ApprovalBallotForm vote={vote} />;
    case 'consent':
      return <ConsentBallotForm vote={vote} />;
    case 'score':
      return <ScoreBallotForm vote={vote} />;
    case 'ranking':
      return <RankingBallotForm vote={vote} />;
    case 'dots':
      return <DotsBallotForm vote={vote} />;
  }
}
