import { apiKeyPrefix, generateApiKey, hashApiKey } from '../../src/users/api-keys';

describe('API keys', () => {
  test('when keys are generated then each is new, prefixed and long enough to resist guessing', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(/^crm_[A-Za-z0-9_-]{43}$/);
  });

  test('when a key is hashed then the hash is stable and does not contain the key', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toContain(key.slice(4, 20));
  });

  test('when a prefix is shown then it reveals only the first characters', () => {
    expect(apiKeyPrefix('crm_abcdefghijklmnop')).toBe('crm_abcdef');
  });
});
