import * as v from 'valibot';
import { RoleSchema, type Role } from './roles.ts';

/** A signed-in user as the device knows them: never a password or a hash. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteIds: string[];
}

export const SessionUserSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.string(),
  role: RoleSchema,
  siteIds: v.array(v.string()),
});

export const UsernameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.regex(
    /^[a-z][a-z0-9.-]{2,39}$/,
    'A username is 3 to 40 letters, digits, dots or hyphens, starting with a letter',
  ),
);

/**
 * A password a Trust would accept: at least 12 characters (NCSC: length over complexity),
 * not the username, and not one of the commonest choices.
 */
export const NewPasswordSchema = v.pipe(
  v.string(),
  v.minLength(12, 'Use at least 12 characters for the password'),
  v.maxLength(200, 'Use at most 200 characters for the password'),
  v.check(
    (p) => !/^(password|letmein|welcome|qwerty|123456|changeme)/i.test(p),
    'Choose a less common password',
  ),
);

export const SignInSchema = v.object({
  username: v.pipe(
    v.string('Enter your username'),
    v.trim(),
    v.toLowerCase(),
    v.nonEmpty('Enter your username'),
    v.maxLength(40),
  ),
  password: v.pipe(
    v.string('Enter your password'),
    v.nonEmpty('Enter your password'),
    v.maxLength(200),
  ),
  deviceId: v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/, 'deviceId must be a UUID')),
});
export type SignIn = v.InferOutput<typeof SignInSchema>;

export const NewUserSchema = v.object({
  username: UsernameSchema,
  displayName: v.pipe(
    v.string(),
    v.trim(),
    v.nonEmpty('Enter the person’s name'),
    v.maxLength(100),
  ),
  role: RoleSchema,
  siteIds: v.array(v.string()),
  password: NewPasswordSchema,
});
export type NewUser = v.InferOutput<typeof NewUserSchema>;
