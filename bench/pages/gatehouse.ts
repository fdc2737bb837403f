// Gatehouse, as an app would start it.
import Stigg from '../../src/index';
import { benchConfiguration, installProbe, readParams, type BenchClient } from './probe';

const params = readParams();
const client = Stigg.initialize(benchConfiguration(params));
installProbe('gatehouse', params, client as unknown as BenchClient);
