// Orders (medication, lab, imaging) and their closed loop: the chart's orders tab (OrdersTab). No routes of its own.
import type { WebModule } from '../../../app/module';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

const orders: WebModule = {
  name: 'orders',
  routes: [],
  messages: { 'zh-CN': zhCN, en },
};

export default orders;
