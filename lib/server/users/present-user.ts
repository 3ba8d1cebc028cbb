import "server-only";

export interface UserView {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export function presentUser(user: {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
}): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt.toISOString(),
  };
}
