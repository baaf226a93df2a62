// The live board over server-sent events: the board as it is now, and whether the stream is live. The browser's
// EventSource reconnects by itself after a network break; "end" means the session may no longer read the board.
import { useEffect, useState } from 'react';
import { queueApi, type Board, type BoardScope } from './api';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'unsupported';

export function useLiveBoard(scope: BoardScope | null): { board: Board | undefined; status: LiveStatus } {
  const [board, setBoard] = useState<Board | undefined>(undefined);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const key = scope ? `${scope.department ?? ''}|${scope.room ?? ''}` : null;

  useEffect(() => {
    if (key === null) return;
    const [department, room] = key.split('|');
    if (typeof window.EventSource !== 'function') {
      setStatus('unsupported');
      return;
    }
    setStatus('connecting');
    const source = new window.EventSource(queueApi.boardEventsUrl({ ...(department ? { department } : {}), ...(room ? { room } : {}) }));
    source.addEventListener('board', (e) => {
      setBoard(JSON.parse((e as MessageEvent<string>).data) as Board);
      setStatus('live');
    });
    source.addEventListener('end', () => {
      setStatus('ended');
      source.close();
    });
    source.onerror = () => setStatus(source.readyState === window.EventSource.CLOSED ? 'ended' : 'reconnecting');
    return () => source.close();
  }, [key]);

  return { board, status };
}
