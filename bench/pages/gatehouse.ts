// Gatehouse, as an app would start it, from the package as published.
import Stigg from 'gatehouse';
import { benchConfiguration, installProbe, readParams, type BenchClient } from './probe';

const params = readParams();
const client = Stigg.initialize(benchConfiguration(params));
installProbe('gatehouse', params, client as unknown as BenchClient);
