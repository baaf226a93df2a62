import { resourceTypes, definitionsLoadMs } from './definitions.js';
resourceTypes();
console.log(definitionsLoadMs, process.memoryUsage().heapUsed / 1e6);
