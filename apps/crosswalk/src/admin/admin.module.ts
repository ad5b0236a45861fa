import { Module } from '@nestjs/common';
import { AdminTokenGuard } from './auth/admin-token.guard';
import { AdminTokenService } from './auth/admin-token.service';
import { CustomersController } from './customers/customers.controller';
import { ReviewsController } from './reviews/reviews.controller';
import { StatusController } from './status/status.controller';

/** The admin HTTP API (under /api); use cases come from the core. */
@Module({
  controllers: [CustomersController, ReviewsController, StatusController],
  providers: [AdminTokenService, AdminTokenGuard],
})
export class AdminModule {}
