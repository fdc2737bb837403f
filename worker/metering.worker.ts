import { expose } from 'comlink';
import { meteringApi } from './metering-api';

expose(meteringApi);
