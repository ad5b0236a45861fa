import { type EntityManager, In } from 'typeorm';
import { MatchKeyEntity } from '../entities';
import { chunkForParameters } from '../support/batching';

export class MatchKeyRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Customer ids holding any of these keys. */
  async findCustomerIds(keys: readonly string[]): Promise<Set<string>> {
    const ids = new Set<string>();
    for (const chunk of chunkForParameters([...new Set(keys)], 1)) {
      if (chunk.length === 0) continue;
      const rows = await this.manager
        .getRepository(MatchKeyEntity)
        .find({ where: { key: In(chunk) }, select: { customerId: true } });
      for (const row of rows) ids.add(row.customerId);
    }
    return ids;
  }

  /** Makes `keys` the exact key set of each customer (an empty set removes a customer's keys). */
  async replace(keysByCustomer: ReadonlyMap<string, readonly string[]>): Promise<void> {
    const customerIds = [...keysByCustomer.keys()];
    for (const chunk of chunkForParameters(customerIds, 1)) {
      if (chunk.length === 0) continue;
      await this.manager.getRepository(MatchKeyEntity).delete({ customerId: In(chunk) });
    }
    const rows = [...keysByCustomer].flatMap(([customerId, keys]) =>
      [...new Set(keys)].map((key) => ({ key, customerId })),
    );
    for (const chunk of chunkForParameters(rows, 2)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(MatchKeyEntity)
        .values(chunk)
        .execute();
    }
  }
}
