// Calls of the guide module.
import { api } from '../../../app/api';
import type { GuideInput, GuideResult } from './types';

export const guideApi = {
  run: (input: GuideInput) => api.post<GuideResult>('guide', input),
};
