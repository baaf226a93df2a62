// Announcing calls with the browser's speech synthesis (zh-CN by default). Browsers speak only after a user gesture
// on the page, hence the board's "enable sound" button; where the API is missing the board says so.
import type { BoardCall } from './api';

/** How often each call is announced (waiting rooms are noisy). */
export const REPEAT = 2;

export function speechAvailable(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function';
}

/** A masked name read aloud: the hidden characters as 某 (张*三 → 张某三), Latin ones as just the letter. */
export function spokenName(masked: string): string {
  if (/^[A-Za-z]\*+$/.test(masked)) return masked[0] as string;
  return masked.replace(/\*+/g, (m) => (m.length > 1 ? '某某' : '某'));
}

export function announcement(c: BoardCall, lang: 'zh-CN' | 'en'): string {
  if (lang === 'en') return `Number ${c.ticket}, ${spokenName(c.name)}, please go to ${c.room.nameEn ?? c.room.name}.`;
  return `请 ${c.ticket} 号 ${spokenName(c.name)} 到 ${c.room.name} 就诊`;
}

export function speak(text: string, lang: 'zh-CN' | 'en', times = 1): void {
  if (!speechAvailable()) return;
  for (let i = 0; i < times; i++) {
    const u = new window.SpeechSynthesisUtterance(text);
    u.lang = lang === 'en' ? 'en-US' : 'zh-CN';
    u.rate = 0.9;
    window.speechSynthesis.speak(u);
  }
}

/** A call is new when this ticket's call count or time was not announced before. */
export const callKey = (c: BoardCall) => `${c.id}#${c.callCount}#${c.calledAt}`;
