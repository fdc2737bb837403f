import { expose } from 'comlink';
import { createMeteringApi } from './metering-api';

expose(createMeteringApi());
