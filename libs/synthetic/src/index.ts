export * from './synthetic.types';
export * from './synthetic.exception';
export * from './country.profiles';
export * from './faker.pools';
export * from './customer.generator';
export * from './source-record.mapper';
export * from './noise';
export * from './country-pools.fixture';
