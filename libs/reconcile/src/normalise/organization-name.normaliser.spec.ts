import { organizationNameKey } from './organization-name.normaliser';

describe('organizationNameKey', () => {
  it.each([
    ['Acme Inc.', 'acme'],
    ['ACME, Inc', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme plc', 'acme'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Siemens AG', 'siemens'],
    ['Volvo AB (publ)', 'volvo'],
    ['AB Volvo', 'volvo'],
    ['Nokia Oyj', 'nokia'],
    ['Kone Oy', 'kone'],
    ['Mærsk A/S', 'maersk'],
    ['Equinor ASA', 'equinor'],
    ['Lego ApS', 'lego'],
    ['Philips N.V.', 'philips'],
    ['Shell B.V.', 'shell'],
    ['Renault S.A.S.', 'renault'],
    ['Fiat S.p.A.', 'fiat'],
    ['Ferrero S.r.l.', 'ferrero'],
    ['Koç Holding A.Ş.', 'koc holding'],
    ['Şişecam Sanayi ve Ticaret Ltd. Şti.', 'sisecam'],
    ['Yıldız Tic. Ltd. Şti.', 'yildiz'],
    ['Smith & Sons Ltd', 'smith sons'],
    ['Smith and Sons', 'smith sons'],
    ['Öresund Bygg och Måleri AB', 'oresund bygg maleri'],
    ['Bøgh Andersen', 'bogh andersen'],
    ['AB', 'ab'],
    ['Co-op Ltd', 'coop'],
    ['', ''],
  ])('%s -> %s', (name, words) => {
    expect(organizationNameKey(name).words).toBe(words);
  });

  it('gives a compact form without spaces for exact comparison', () => {
    expect(organizationNameKey('Koç Holding A.Ş.').compact).toBe('kocholding');
  });
});
