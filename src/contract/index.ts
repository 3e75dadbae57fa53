/**
 * The one contract between the HubSpot cards and the service: zod schemas for every card endpoint
 * and the types inferred from them. The server validates with them; the cards import the same module
 * (a `file:` dependency, bundled by `hs project upload`), so a shape can only change in one place.
 */
export * from './cardStatus.ts';
export * from './apiError.ts';
export * from './whatsapp.ts';
export * from './admin.ts';
export * from './sessions.ts';
export * from './orders.ts';
export * from './integrationLog.ts';
export * from './ordersAdmin.ts';
export * from './whatsappAdmin.ts';
