import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AdminRequest } from './admin-token.guard';

/** The name of the token that authenticated the request (set by AdminTokenGuard). */
export const AdminActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<AdminRequest>();
  if (request.adminActor === undefined) {
    throw new Error('AdminActor used on a route without AdminTokenGuard');
  }
  return request.adminActor;
});
