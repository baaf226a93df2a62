// A live view over server-sent events (the boards): calls onData with each pushed view and says whether the stream
// is live. The browser's EventSource reconnects by itself after a network break; "end" means the session may no
// longer read the view (the server closes the stream), "unsupported" that the browser has no EventSource.
import { useEffect, useRef, useState } from 'react';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'ended' | 'unsupported';

export function useEventStream<T>(url: string | null, event: string, onData: (data: T) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onData);
  handler.current = onData;

  useEffect(() => {
    if (url === null) return;
    if (typeof window.EventSource !== 'function') {
      setStatus('unsupported');
      return;
    }
    setStatus('connecting');
    const source = new window.EventSource(url);
    source.addEventListener(event, (e) => {
      handler.current(JSON.parse((e as MessageEvent<string>).data) as T);
      setStatus('live');
    });
    source.addEventListener('end', () => {
      setStatus('ended');
      source.close();
    });
    source.onerror = () => setStatus(source.readyState === window.EventSource.CLOSED ? 'ended' : 'reconnecting');
    return () => source.close();
  }, [url, event]);

  return status;
}
