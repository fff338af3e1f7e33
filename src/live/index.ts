export { readLive, type ReadLiveOptions } from './read-live';
export { readMemberCounts } from './read-member-counts';
export { listAdApps, listDirectoryApps, matchLabel } from './find-apps';
export { readPeople } from './read-people';
