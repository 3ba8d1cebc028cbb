import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email("Enter a valid email address"))
  .transform((value) => value.toLowerCase());

export const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters")
  .max(200, "Use at most 200 characters");

export const nameSchema = z.string().trim().min(1, "Tell us your name").max(100);

export const signUpSchema = z
  .object({
    email: emailSchema,
    name: nameSchema,
    password: passwordSchema,
    invite: z.string().max(100).optional(),
  })
  .strict();

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});

export const updateProfileSchema = z.object({ name: nameSchema }).strict();

export const changePasswordSchema = z
  .object({ currentPassword: z.string().max(200), newPassword: passwordSchema })
  .strict();

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token").max(100),
    expiresInDays: z.number().int().min(1).max(3650).nullish(),
  })
  .strict();
