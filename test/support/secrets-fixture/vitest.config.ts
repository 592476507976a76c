// The project's vitest configuration (setup files and global setup included), run on the leaking fixture only.
import { defineConfig } from 'vitest/config';
import base from '../../../vitest.config.js';

export default defineConfig({ ...base, test: { ...base.test, include: ['test/support/secrets-fixture/*.fixture.ts'], typecheck: { enabled: false } } });
