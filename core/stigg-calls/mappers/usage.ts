import type { UsageHistoryPoint } from '../../api-model';
import type { WireUsageHistory } from './wire';

export const mapUsageHistory = ({ usageMeasurements }: WireUsageHistory): UsageHistoryPoint[] =>
  usageMeasurements.map(({ date, value, isResetPoint }) => ({ date: new Date(date), value, isResetPoint: !!isResetPoint }));
