import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { type Request } from 'express';
import { AdminTokenService } from './admin-token.service';

/** A request that passed the guard carries the name of the token it presented. */
export interface AdminRequest extends Request {
  adminActor?: string;
}

/** Every admin route: a configured bearer token, or 401. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  constructor(private readonly tokens: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AdminRequest>();
    const name = this.tokens.identify(request.headers.authorization);
    if (name === null) throw new UnauthorizedException('a valid admin bearer token is required');
    request.adminActor = name;
    return true;
  }
}
