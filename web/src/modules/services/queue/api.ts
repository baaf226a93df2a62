// The queue endpoints of /api/queue (check-in, the doctor's room line and actions, the patient's tickets, the board).
import { api } from '../../../app/api';

export type QueueStatus = 'waiting' | 'called' | 'skipped' | 'done' | 'cancelled';

export interface Department {
  code: string;
  name: string;
  nameEn: string;
}
export interface Place {
  id: string;
  name: string;
  nameEn?: string;
  department?: Department;
}
export interface PreVisit {
  text: string;
  emergency: boolean;
  redFlags: string[];
  departments: Department[];
  authored?: string;
}
export interface Ticket {
  id: string;
  ticket: number;
  status: QueueStatus;
  /** masked, as public screens show it */
  name: string;
  room: string;
  date: string;
  checkedInAt: string;
  late: boolean;
  callCount: number;
  calledAt?: string;
  encounter?: string;
  appointment?: string;
  position?: number;
  rejoinsAfterCalls?: number;
  patient?: { id: string; name?: string };
  preVisit?: PreVisit;
}
export interface RoomQueue {
  room: Place;
  date: string;
  calls: number;
  called: Ticket[];
  waiting: Ticket[];
  skipped: Ticket[];
  done: Ticket[];
}
export interface MyRoom {
  date: string;
  room: Place | null;
  session?: { start: string; end: string };
  rooms: Place[];
}
export interface BoardCall {
  id: string;
  ticket: number;
  name: string;
  room: Place;
  calledAt: string;
  callCount: number;
}
export interface BoardRoom {
  room: Place;
  current?: { id: string; ticket: number; name: string; calledAt?: string };
  next: { ticket: number; name: string }[];
  waiting: number;
}
export interface Board {
  date: string;
  department?: Department;
  room?: Place;
  rooms: BoardRoom[];
  calls: BoardCall[];
}
export interface BoardScope {
  department?: string;
  room?: string;
}

const enc = encodeURIComponent;

export const queueApi = {
  myRoom: (signal?: AbortSignal) => api.get<MyRoom>('queue/my-room', undefined, { signal }),
  room: (room: string, signal?: AbortSignal) => api.get<RoomQueue>(`queue/rooms/${enc(room)}`, undefined, { signal }),
  next: (room: string) => api.post<{ called?: Ticket; finished: Ticket[] }>(`queue/rooms/${enc(room)}/next`),
  action: (id: string, action: 'recall' | 'skip' | 'finish') => api.post<Ticket>(`queue/tickets/${enc(id)}/${action}`),
  board: (scope: BoardScope, signal?: AbortSignal) => api.get<Board>('queue/board', { ...scope }, { signal }),
  /** the SSE URL of the live board (same origin: the session cookie goes with it) */
  boardEventsUrl: (scope: BoardScope) => {
    const q = new URLSearchParams();
    if (scope.department) q.set('department', scope.department);
    if (scope.room) q.set('room', scope.room);
    const s = q.toString();
    return `/api/queue/board/events${s ? `?${s}` : ''}`;
  },
};
