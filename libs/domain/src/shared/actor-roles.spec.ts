import { requireRole } from './actor-roles';
import { refusal } from '../testing/refusal';

describe('requireRole', () => {
  it('lets a listed role through', () => {
    expect(() => requireRole({ id: 'o', role: 'officer' }, ['officer', 'station'], 'act')).not.toThrow();
  });

  it('refuses another role, saying who may act', () => {
    const err = refusal(() => requireRole({ id: 'a', role: 'auditor' }, ['officer'], 'approve eligibility'));
    expect(err.code).toBe('forbidden');
    expect(err.message).toBe('only officer can approve eligibility (actor a is auditor)');
  });

  it('refuses a station account that names no station', () => {
    expect(refusal(() => requireRole({ id: 's', role: 'station' }, ['station'], 'act')).code).toBe(
      'forbidden',
    );
  });
});
