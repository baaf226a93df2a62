// Clinical notes (门诊病历, 入院记录, 病程记录, 出院小结): the chart's documents tab (NotesTab). No routes of its own.
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const notes: WebModule = {
  name: 'notes',
  routes: [],
  messages: { 'zh-CN': zhCN, en },
};

export default notes;
