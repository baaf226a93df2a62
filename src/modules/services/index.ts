// Smart services (智慧服务), the patient-facing half of 三位一体: one module per feature, each under /api/<name>.
export { guide } from './guide/index.js';
export { triage } from './triage/index.js';
export { appointments } from './appointments/index.js';
export { queue } from './queue/index.js';
export { portal } from './portal/index.js';
