// Wire entitlements shaped as the Stigg API sends them for the usage guide's examples.
import type { WireEntitlement } from '../model';

export const GUIDE_NOW = Date.parse('2022-09-15T12:00:00.000Z');

export const feature01: WireEntitlement = {
  isGranted: true,
  accessDeniedReason: null,
  customerId: 'customer-demo-01',
  resourceId: null,
  usageLimit: 100,
  hasUnlimitedUsage: false,
  hasSoftLimit: false,
  currentUsage: 0,
  requestedUsage: null,
  entitlementUpdatedAt: '2022-09-01T00:00:00.000Z',
  usageUpdatedAt: null,
  usagePeriodAnchor: null,
  usagePeriodStart: null,
  usagePeriodEnd: null,
  nextResetDate: null,
  resetPeriod: null,
  resetPeriodConfiguration: null,
  feature: {
    featureType: 'NUMBER',
    meterType: 'None',
    featureUnits: 'request',
    featureUnitsPlural: 'requests',
    description: null,
    displayName: 'Feature #1',
    refId: 'feature-demo-01',
  },
};

export const feature02: WireEntitlement = {
  ...feature01,
  usageLimit: null,
  feature: {
    featureType: 'BOOLEAN',
    meterType: 'None',
    featureUnits: null,
    featureUnitsPlural: null,
    description: '',
    displayName: 'Feature #2',
    refId: 'feature-demo-02',
  },
};

export const feature03: WireEntitlement = {
  ...feature01,
  usageLimit: 2,
  currentUsage: 0,
  usageUpdatedAt: '2022-09-10T00:00:00.000Z',
  usagePeriodAnchor: '2022-04-01T00:00:00.000Z',
  usagePeriodStart: '2022-09-01T00:00:00.000Z',
  usagePeriodEnd: '2022-10-01T00:00:00.000Z',
  nextResetDate: '2022-10-01T00:00:00.000Z',
  resetPeriod: 'MONTH',
  resetPeriodConfiguration: { __typename: 'MonthlyResetPeriodConfig', monthlyAccordingTo: 'SubscriptionStart' },
  feature: {
    featureType: 'NUMBER',
    meterType: 'Incremental',
    featureUnits: 'request',
    featureUnitsPlural: 'requests',
    description: null,
    displayName: 'Feature #3',
    refId: 'feature-demo-03',
  },
};

export const guideEntitlements = [feature01, feature02, feature03];
