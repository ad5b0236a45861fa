import { type SourceKey, sourceKeyString } from '@crosswalk/model';
import { type EntityManager } from 'typeorm';
import { CustomerLinkEntity } from '../entities';
import { chunkForParameters } from '../support/batching';
import { sourceKeyChunks, whereSourceKeysIn } from '../support/source-key-filter';

export interface CustomerLink {
  key: SourceKey;
  customerId: string;
  /** Why the record joined its customer (the rule and keys), kept to explain the link. */
  evidence: Record<string, unknown>;
}

export class CustomerLinkRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Customer id per source key string, for the keys that are linked. */
  async findCustomerIds(keys: readonly SourceKey[]): Promise<Map<string, string>> {
    const links = new Map<string, string>();
    for (const chunk of sourceKeyChunks(keys)) {
      const rows = await whereSourceKeysIn(
        this.manager.getRepository(CustomerLinkEntity).createQueryBuilder('l'),
        'l',
        chunk,
      ).getMany();
      for (const row of rows) links.set(sourceKeyString(row), row.customerId);
    }
    return links;
  }

  async save(links: readonly CustomerLink[], at: string): Promise<void> {
    const rows = links.map((link) => ({
      connector: link.key.connector,
      object: link.key.object,
      externalId: link.key.externalId,
      customerId: link.customerId,
      evidence: JSON.stringify(link.evidence),
      linkedAt: at,
    }));
    for (const chunk of chunkForParameters(rows, 6)) {
      await this.manager
        .createQueryBuilder()
        .insert()
        .updateEntity(false)
        .into(CustomerLinkEntity)
        .values(chunk)
        .orUpdate(['customer_id', 'evidence', 'linked_at'], ['connector', 'object', 'external_id'])
        .execute();
    }
  }
}
