/**
 * The org's group list, read only while reading it is no dearer than asking for what is still missing one
 * call at a time. Okta gives no group count, but a list page says whether more follow (no `next` link,
 * docs/okta-api.md §7), so the org's size shows as it is read:
 *
 * - one thing to find, or no more than the list's pages certainly are (the org has at least `known`
 *   groups, e.g. those assigned to the apps read: ceil(known / 200) pages): the direct calls, no list page;
 * - more: the first page (`limit=200&expand=stats`: every type, member counts embedded). An org of up to
 *   200 groups is then read whole in that one call, whatever the number of references;
 * - a larger org: the next page is read only while the pages read so far are fewer than the direct calls
 *   still needed (`remaining()`, which shrinks as the pages answer ids). When the list ends first, it
 *   answered everything; otherwise the caller makes the remaining direct calls, having spent at most as
 *   many pages as those calls: never more than twice the cheaper of the two, and exactly the cheaper one
 *   when the org is small or the references are many (the usual cases).
 *
 * Each page is handed to `onPage` as it arrives and then dropped: no copy of the org's groups is kept.
 */
import type { LiveGroup } from '../model/types';
import type { OktaApi } from '../okta/api';
import { type RawGroup, toLiveGroup } from './okta-shapes';

const PAGE = 200;

/** True when the whole list was read; false when the caller must make the `remaining()` direct calls. */
export async function listGroupsWhileCheaper(
  api: OktaApi,
  known: number,
  remaining: () => number,
  onPage: (groups: LiveGroup[]) => void,
): Promise<boolean> {
  if (remaining() <= Math.max(1, Math.ceil(known / PAGE))) return false;
  let pages = 0;
  for await (const page of api.pages<RawGroup>('/api/v1/groups', { limit: PAGE, expand: 'stats' })) {
    onPage(page.map(toLiveGroup));
    pages += 1;
    // A short page is the last one (the iterator then ends without a call); breaking out stops the
    // iterator before it asks for another page.
    if (page.length >= PAGE && pages >= remaining()) return false;
  }
  return true;
}
