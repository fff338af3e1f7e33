import type { OrgSeed, UserSeed } from './types';

/**
 * The built-in demo org (brief demo-org.md; the example mappings/ must agree with it): two AD domains,
 * ~40 users, a `dn` mapping left in place on corp, and legacy-vpn pointing at a non-import OU.
 */
const PEOPLE: Array<[string, string, string, string]> = [
  // first, last, department, title
  ['Ada', 'Lovelace', 'Engineering', 'Principal Engineer'],
  ['Alan', 'Turing', 'Engineering', 'Staff Engineer'],
  ['Grace', 'Hopper', 'Engineering', 'Engineering Manager'],
  ['Linus', 'Torvalds', 'Engineering', 'Senior Engineer'],
  ['Margaret', 'Hamilton', 'Engineering', 'Senior Engineer'],
  ['Dennis', 'Ritchie', 'Engineering', 'Engineer'],
  ['Barbara', 'Liskov', 'Engineering', 'Engineer'],
  ['Ken', 'Thompson', 'Engineering', 'Engineer'],
  ['Mary', 'Jackson', 'Sales', 'Account Executive'],
  ['Dorothy', 'Vaughan', 'Sales', 'Sales Manager'],
  ['Katherine', 'Johnson', 'Sales', 'Account Executive'],
  ['Hedy', 'Lamarr', 'Sales', 'Sales Engineer'],
  ['Annie', 'Easley', 'Sales', 'Account Executive'],
  ['Edith', 'Clarke', 'Marketing', 'Marketing Manager'],
  ['Frances', 'Allen', 'Marketing', 'Content Lead'],
  ['Jean', 'Sammet', 'Marketing', 'Designer'],
  ['Karen', 'Jones', 'Marketing', 'Analyst'],
  ['Radia', 'Perlman', 'Finance', 'Controller'],
  ['Sophie', 'Wilson', 'Finance', 'Accountant'],
  ['Shafi', 'Goldwasser', 'Finance', 'Analyst'],
  ['Tim', 'Berners-Lee', 'Contractors', 'Consultant'],
  ['Vint', 'Cerf', 'Contractors', 'Consultant'],
  ['Bob', 'Kahn', 'Contractors', 'Contractor'],
  ['Leslie', 'Lamport', 'Contractors', 'Contractor'],
  ['Donald', 'Knuth', 'Support', 'Support Lead'],
  ['Edsger', 'Dijkstra', 'Support', 'Support Engineer'],
  ['John', 'McCarthy', 'Support', 'Support Engineer'],
  ['Konrad', 'Zuse', 'R&D', 'Researcher'],
  ['Lise', 'Meitner', 'R&D', 'Researcher'],
  ['Emmy', 'Noether', 'R&D', 'Research Lead'],
  ['Niklaus', 'Wirth', 'Engineering', 'Intern'],
  ['Bjarne', 'Stroustrup', 'Engineering', 'Intern'],
  ['Guido', 'Rossum', 'IT', 'Network Admin'],
  ['James', 'Gosling', 'IT', 'Kiosk Admin'],
  ['Anders', 'Hejlsberg', 'IT', 'Helpdesk'],
  ['Ingrid', 'Daubechies', 'EMEA', 'Office Manager'],
  ['Marie', 'Curie', 'EMEA', 'Regional Director'],
  ['Rosalind', 'Franklin', 'EMEA', 'Partner Manager'],
  ['Carl', 'Gauss', 'EMEA', 'Account Executive'],
  ['Sofia', 'Kovalevskaya', 'EMEA', 'Account Executive'],
];

function login(first: string, last: string): string {
  return `${first}.${last}`.toLowerCase().replace(/[^a-z.-]/g, '') + '@example.com';
}

const users: UserSeed[] = PEOPLE.map(([firstName, lastName, department, title], i) => ({
  login: login(firstName, lastName), email: login(firstName, lastName), firstName, lastName, department, title,
  employeeNumber: String(1001 + i),
}));

const L = (...idx: number[]): string[] => idx.map((i) => users[i].login);

const CORP_DN = 'DC=corp,DC=example,DC=com';

export const DEMO_ORG: OrgSeed = {
  users,
  groups: [
    { name: 'Everyone', type: 'BUILT_IN', description: 'All users in your organization' },
    { name: 'Okta Administrators', type: 'BUILT_IN', description: 'Okta Administrators', members: L(2) },
    { name: 'Engineering', description: 'Product engineering', members: L(0, 1, 2, 3, 4, 5, 6, 7) },
    { name: 'Sales', description: 'Sales (Americas)', members: L(8, 9, 10, 11, 12) },
    { name: 'Marketing', description: 'Marketing', members: L(13, 14, 15, 16) },
    { name: 'Finance', description: 'Finance', members: L(17, 18, 19) },
    { name: 'Contractors', description: 'External contractors', members: L(20, 21, 22, 23) },
    { name: 'Support', description: 'Customer support', members: L(24, 25, 26) },
    { name: 'R&D, Berlin', description: 'Research lab in Berlin', members: L(27, 28, 29) },
    { name: 'Interns', description: 'Summer interns', members: L(30, 31) },
    { name: 'legacy-vpn', description: 'Old VPN access group', members: L(32, 33, 34) },
    { name: 'legacy-kiosk', description: 'Old kiosk accounts', members: L(33, 34) },
    { name: 'EMEA Staff', description: 'EMEA employees', members: L(35, 36, 37, 38, 39) },
    { name: 'EMEA Partners', description: 'EMEA partner accounts', members: L(21, 22, 37) },
    { name: 'EMEA Sales', description: 'EMEA sales team', members: L(38, 39) },
    { name: 'Domain Users', type: 'APP_GROUP', source: 'corp.example.com', description: 'All domain users',
      dn: `CN=Domain Users,CN=Users,${CORP_DN}`, members: L(0, 1, 2, 3, 4, 5, 6, 7, 8, 9) },
    { name: 'Helpdesk Operators', type: 'APP_GROUP', source: 'corp.example.com', description: 'Helpdesk',
      dn: `CN=Helpdesk Operators,OU=Groups,OU=Employees,${CORP_DN}`, members: L(24, 25) },
  ],
  apps: [
    {
      label: 'corp.example.com', name: 'active_directory', namingContext: 'corp.example.com',
      importOUs: [`OU=Employees,${CORP_DN}`, `OU=Contractors,${CORP_DN}`],
      updateOUOnGroupChange: true,
      assignments: [
        { group: 'Engineering', priority: 0, profile: { organizationalUnit: 'ou=engineering,ou=employees,dc=corp,dc=example,dc=com' } },
        { group: 'Contractors', priority: 1, profile: { organizationalUnit: 'ou=contractors,dc=corp,dc=example,dc=com' } },
        { group: 'Sales', priority: 2, profile: { organizationalUnit: 'ou=sales,ou=employees,dc=corp,dc=example,dc=com' } },
        { group: 'legacy-vpn', priority: 3, profile: { organizationalUnit: 'ou=vpn,ou=legacy,dc=corp,dc=example,dc=com' } },
        { group: 'Finance', priority: 4, profile: { organizationalUnit: 'ou=finance,ou=employees,dc=corp,dc=example,dc=com' } },
      ],
      mapping: {
        properties: {
          firstName: { expression: 'user.firstName', pushStatus: 'PUSH' },
          lastName: { expression: 'user.lastName', pushStatus: 'PUSH' },
          email: { expression: 'user.email', pushStatus: 'PUSH' },
          department: { expression: 'user.department', pushStatus: 'PUSH' },
          title: { expression: 'user.title', pushStatus: 'DONT_PUSH' },
          dn: { expression: '"CN=" + user.firstName + " " + user.lastName + ",OU=Employees,DC=corp,DC=example,DC=com"', pushStatus: 'PUSH' },
        },
      },
      // Two members of Engineering assigned individually (scope USER).
      users: [
        { user: users[3].login, scope: 'USER', profile: { dn: `CN=Linus Torvalds,OU=Kernel,OU=Employees,${CORP_DN}` } },
        { user: users[6].login, scope: 'USER' },
      ],
      agents: [{ name: 'DC1-CORP', operationalStatus: 'OPERATIONAL' }, { name: 'DC2-CORP', operationalStatus: 'OPERATIONAL', lastConnectionMinutesAgo: 2 }],
    },
    {
      label: 'emea.example.com', name: 'active_directory', namingContext: 'emea.example.com',
      importOUs: ['OU=Staff,DC=emea,DC=example,DC=com', 'OU=Partners,DC=emea,DC=example,DC=com'],
      updateOUOnGroupChange: false,
      assignments: [
        { group: 'EMEA Staff', priority: 0, profile: { organizationalUnit: 'ou=staff,dc=emea,dc=example,dc=com' } },
        { group: 'EMEA Partners', priority: 1, profile: { organizationalUnit: 'ou=partners,dc=emea,dc=example,dc=com' } },
      ],
      mapping: {
        properties: {
          firstName: 'user.firstName', lastName: 'user.lastName', email: 'user.email', department: 'user.department',
        },
      },
      agents: [{ name: 'DC1-EMEA', operationalStatus: 'OPERATIONAL' }],
    },
    { label: 'Intranet', name: 'bookmark', url: 'https://intranet.example.com', assignments: [{ group: 'Everyone', priority: 0 }] },
    { label: 'Expenses', name: 'oidc_client', assignments: [{ group: 'Finance', priority: 0 }] },
  ],
};
