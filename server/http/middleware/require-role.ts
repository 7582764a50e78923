import type { NextFunction, Request, Response } from 'express';
import { sendError } from '../respond.js';

const MESSAGES = {
  signIn: 'Please sign in first.',
  moderators: 'Only moderators can open this page.',
  admins: 'Only administrators can open this page.',
};

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next();
  if (req.method === 'GET' && !req.accepts('html')) return sendError(req, res, 401, MESSAGES.signIn);
  if (req.method === 'GET') return res.redirect(`/signin?next=${encodeURIComponent(req.originalUrl)}`);
  sendError(req, res, 401, MESSAGES.signIn);
}

export function requireModerator(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return requireSignIn(req, res, next);
  if (req.user.role === 'moderator' || req.user.role === 'admin') return next();
  sendError(req, res, 403, MESSAGES.moderators);
}

export function requireAdmin(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) return requireSignIn(req, res, next);
  if (req.user.role === 'admin') return next();
  sendError(req, res, 403, MESSAGES.admins);
}
