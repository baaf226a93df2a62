// The waiting-room board, live over server-sent events (web/src/app/use-event-stream.ts).
import { useState } from 'react';
import { useEventStream, type LiveStatus } from '../../../app/use-event-stream';
import { queueApi, type Board, type BoardScope } from './api';

export type { LiveStatus };

export function useLiveBoard(scope: BoardScope | null): { board: Board | undefined; status: LiveStatus } {
  const [board, setBoard] = useState<Board | undefined>(undefined);
  const url = scope ? queueApi.boardEventsUrl({ ...(scope.department ? { department: scope.department } : {}), ...(scope.room ? { room: scope.room } : {}) }) : null;
  const status = useEventStream<Board>(url, 'board', setBoard);
  return { board, status };
}
