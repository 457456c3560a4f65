import { SetMetadata } from '@nestjs/common';

/** Metadata the gateway's API-key guard reads: routes that need no key, and routes that need the admin key. */
export const PUBLIC_ROUTE = 'tumen:public';
export const ADMIN_ROUTE = 'tumen:admin-only';

/** The route needs no API key. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
/** The route needs the admin key. */
export const AdminOnly = () => SetMetadata(ADMIN_ROUTE, true);
