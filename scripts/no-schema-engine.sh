#!/bin/sh
# Stand-in for Prisma's native schema engine, named by scripts/prisma-generate.mjs so that
# `prisma generate` starts on machines that cannot download the engine. Glossa applies its
# migrations itself (lib/server/db/migrate.ts), so nothing in the product calls this.
echo "Prisma's schema engine is not installed on this machine. Glossa applies migrations itself: npm run db:migrate. To author a migration offline, see docs/deploy.md." >&2
exit 1
