import {
  applyDecorators,
  Controller,
  UseFilters,
  UseGuards,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AdminTokenGuard } from './auth/admin-token.guard';
import { AdminErrorBodyDto } from './errors/admin-error-body.dto';
import { AdminErrorFilter } from './errors/admin-error.filter';

/** Strict input: unknown keys are refused, not dropped, so a typo never passes silently. */
const ADMIN_VALIDATION = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

/** Every admin route lives under it; /health stays outside and open. */
export const ADMIN_API_PREFIX = 'api';

/** What every admin controller shares: bearer auth, strict validation, the one error filter. */
export function AdminController(path: string, tag: string): ClassDecorator {
  return applyDecorators(
    Controller(`${ADMIN_API_PREFIX}/${path}`),
    ApiTags(tag),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({
      description: 'no bearer token, or one that is not configured',
      type: AdminErrorBodyDto,
    }),
    ApiBadRequestResponse({ description: 'invalid input', type: AdminErrorBodyDto }),
    UseGuards(AdminTokenGuard),
    UseFilters(AdminErrorFilter),
    UsePipes(ADMIN_VALIDATION),
  );
}
