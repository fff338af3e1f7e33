export { readLive, type ReadLiveOptions } from './read-live';
export { readMemberCounts, groupsWithoutCount } from './read-member-counts';
export { LIST_ALL_THRESHOLD } from './resolve-groups';
