import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ControlError } from '../controlPlane.ts';

/** Small HTTP helpers of the `/_sandbox` control routes. */

type Handler = (req: Request, res: Response) => unknown;

/** Runs a handler; zod and ControlError failures become a plain JSON 400/404 (this is not HubSpot's envelope). */
export const h = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => {
  try {
    const out = fn(req, res);
    if (out instanceof Promise) out.catch(next);
  } catch (err) {
    if (err instanceof z.ZodError) return void res.status(400).json({ error: 'invalid input', issues: err.issues });
    if (err instanceof ControlError) return void res.status(err.status).json({ error: err.message });
    next(err);
  }
};
export const pid = (req: Request) => Number(req.params.id);
export const num = (v: unknown) => (typeof v === 'string' && v !== '' ? Number(v) : undefined);
