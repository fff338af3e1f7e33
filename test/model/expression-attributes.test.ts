import { userAttributes } from '../../src/model/expression-attributes';

describe('userAttributes: the user.<attr> an expression reads', () => {
  test('every attribute, outside string literals, not method calls nor other objects', () => {
    const e = `user.firstName + " user.nope " + 'user.alsoNope' + String.substringBefore(user.login, "@") + user.getInternalProperty("id") + appuser.x + source.user.y + user.manager`;
    expect(userAttributes(e).map((a) => a.name)).toEqual(['firstName', 'login', 'manager']);
  });

  test('offsets point at the attribute name; escaped quotes stay inside their literal', () => {
    const e = `"a \\" user.no" + user.title`;
    expect(userAttributes(e)).toEqual([{ name: 'title', offset: e.indexOf('title') }]);
  });
});
