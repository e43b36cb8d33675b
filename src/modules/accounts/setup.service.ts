import type { Db } from '../../db/database';
import { AppError } from '../../shared/errors';
import { getState, setState } from '../../db/app-state';
import { accountRepository as repo } from './account.repository';
import { createUser } from './account.service';
import { SYSTEM_ACTOR } from './actor';
import { hashSecret, sameSecret } from './secret';
import { randomInt } from 'node:crypto';

const SETUP_KEY = 'setup_code_hash';

/** True while no alliance admin exists: the one-time setup page is open. */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await repo.countAdmins(db)) === 0;
}

/**
 * A new one-time setup code (printed in the server's log at start, so that only whoever runs the
 * server can create the first admin); only its hash is stored. Null when an admin exists.
 */
export async function issueSetupCode(db: Db): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const code = Array.from({ length: 3 }, () => String(randomInt(0, 10000)).padStart(4, '0')).join('-');
  await setState(db, SETUP_KEY, hashSecret(code));
  return code;
}

/** Creates the first alliance admin with the setup code; refused once an admin exists or with a wrong code. */
export async function completeSetup(db: Db, input: { code: string; email: string; password: string; name?: string; ip?: string }): Promise<string> {
  if (!(await needsSetup(db))) throw new AppError('NOT_FOUND', 'Setup is done: an alliance admin exists. Sign in instead.');
  const stored = await getState(db, SETUP_KEY);
  if (!stored || !sameSecret(stored, hashSecret(input.code.trim()))) {
    throw new AppError('FORBIDDEN', 'The setup code is wrong. It is printed in the server\'s log when the server starts.');
  }
  const user = await createUser(db, { email: input.email, password: input.password, name: input.name, isAdmin: true }, { ...SYSTEM_ACTOR, ip: input.ip } as typeof SYSTEM_ACTOR);
  await setState(db, SETUP_KEY, '');
  return user.id;
}
