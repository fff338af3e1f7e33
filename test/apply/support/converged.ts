import type { Sandbox } from './harness';
import { assignments, order } from './harness';
import { APP, cycleManagedOrder, ou } from './orgs';

/**
 * The cycle org has reached the desired state: managed groups in file order with their OUs, the
 * unmanaged key kept, Finance gone, legacy-kiosk exactly as seeded, the dn mapping gone and department
 * mapped.
 */
export function expectCycleConverged(sb: Sandbox): void {
  const a = assignments(sb, APP);
  expect(order(sb, APP).filter((n) => cycleManagedOrder.includes(n))).toEqual(cycleManagedOrder);
  expect(Object.keys(a).sort()).toEqual(['Engineering', 'Marketing', 'Operations', 'Sales', 'legacy-kiosk']);
  expect({
    Sales: a.Sales.profile,
    Engineering: a.Engineering.profile,
    Operations: a.Operations.profile,
    Marketing: a.Marketing.profile,
  }).toEqual({
    Sales: { organizationalUnit: ou('sales') },
    Engineering: { organizationalUnit: ou('platform'), description: 'kept: not managed by the file' },
    Operations: { organizationalUnit: ou('operations') },
    Marketing: { organizationalUnit: ou('marketing') },
  });
  expect(a['legacy-kiosk']).toEqual({ priority: 2, ou: ou('kiosk'), profile: { organizationalUnit: ou('kiosk'), note: 'ignored' } });
  const props = sb.org.mappingFor(APP)!.properties;
  expect(Object.keys(props).sort()).toEqual(['department', 'firstName']);
}
