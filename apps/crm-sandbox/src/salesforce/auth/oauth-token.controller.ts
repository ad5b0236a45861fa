import { Body, Controller, HttpCode, Post, Req, UseFilters } from '@nestjs/common';
import { type Request } from 'express';
import { SalesforceExceptionFilter } from '../errors/salesforce-exception.filter';
import { requestBaseUrl } from '../gate/request-base-url';
import { OAuthTokenService, type TokenRequest, type TokenResponse } from './oauth-token.service';

@Controller('services/oauth2')
@UseFilters(SalesforceExceptionFilter)
export class OAuthTokenController {
  constructor(private readonly tokens: OAuthTokenService) {}

  @Post('token')
  @HttpCode(200)
  token(@Body() body: TokenRequest, @Req() request: Request): TokenResponse {
    return this.tokens.issue(body ?? {}, requestBaseUrl(request));
  }
}
