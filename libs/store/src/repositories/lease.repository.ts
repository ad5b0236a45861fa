import { type EntityManager } from 'typeorm';
import { LeaseEntity } from '../entities';

/**
 * Time-bound locks in the store itself, so one connector runs once at a time across every
 * process that shares the database (the CLI, the service, other instances).
 */
export class LeaseRepository {
  constructor(private readonly manager: EntityManager) {}

  /** True when `owner` now holds the lease until `expiresAt`. */
  async acquire(name: string, owner: string, now: string, expiresAt: string): Promise<boolean> {
    const repository = this.manager.getRepository(LeaseEntity);
    const taken = await repository
      .createQueryBuilder()
      .update(LeaseEntity)
      .set({ owner, expiresAt })
      .where('name = :name AND (expires_at < :now OR owner = :owner)', { name, now, owner })
      .execute();
    if ((taken.affected ?? 0) > 0) return true;
    await repository
      .createQueryBuilder()
      .insert()
      .updateEntity(false)
      .into(LeaseEntity)
      .values({ name, owner, expiresAt })
      .orIgnore()
      .execute();
    return (await this.holder(name)) === owner;
  }

  /** Takes the lease from `from` (a holder known to be gone); false if someone else has it now. */
  async takeOver(name: string, from: string, owner: string, expiresAt: string): Promise<boolean> {
    const result = await this.manager
      .getRepository(LeaseEntity)
      .update({ name, owner: from }, { owner, expiresAt });
    return (result.affected ?? 0) > 0;
  }

  async renew(name: string, owner: string, expiresAt: string): Promise<boolean> {
    const result = await this.manager
      .getRepository(LeaseEntity)
      .update({ name, owner }, { expiresAt });
    return (result.affected ?? 0) > 0;
  }

  async release(name: string, owner: string): Promise<void> {
    await this.manager.getRepository(LeaseEntity).delete({ name, owner });
  }

  async holder(name: string): Promise<string | null> {
    const row = await this.manager.getRepository(LeaseEntity).findOneBy({ name });
    return row?.owner ?? null;
  }
}
