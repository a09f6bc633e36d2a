import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { SecretBox, secretBoxFromConfig } from './secret-box.ts';

const key = () => crypto.randomBytes(32);

describe('SecretBox', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const box = new SecretBox(key());
    const a = box.seal('JBSWY3DPEHPK3PXP');
    expect(box.open(a)).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP')).not.toBe(a);
  });

  it('rejects tampering and a wrong associated context', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('secret', 'user:1');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'), 'user:1')).toThrow();
    expect(() => box.open(sealed, 'user:2')).toThrow();
  });

  it('opens secrets sealed with a previous key after rotation', () => {
    const oldKey = key();
    const sealed = new SecretBox(oldKey).seal('old');
    const rotated = new SecretBox(key(), [oldKey]);
    expect(rotated.open(sealed)).toBe('old');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.needsRotation(rotated.seal('new'))).toBe(false);
    expect(() => new SecretBox(key()).open(sealed)).toThrow(/unknown key/);
  });

  it('generates one key file per data directory when no key is configured', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'comptoir-key-'));
    const config = loadConfig({ DATA_DIR: dataDir });
    const sealed = secretBoxFromConfig(config).seal('x');
    expect(secretBoxFromConfig(config).open(sealed)).toBe('x');
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
