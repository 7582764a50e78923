import { conflict, notFound } from '../domain-errors.js';
import { insertProduct } from '../storage/catalog-repo.js';
import type { Database } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { findMerchantProduct, listMerchantProducts, skuTaken, slugTaken, updateMerchantProduct } from '../storage/merchant-repo.js';
import type { MerchantScope } from './merchant-scope.js';
import { assertMayManage } from './member-permissions.js';

const MESSAGES = {
  skuTaken: 'Another of your products already uses this SKU.',
};

export interface ProductFields {
  sku: string;
  name: string;
  category: string;
  url: string | null;
  description: string;
}

export function listCatalog(db: Database, scope: MerchantScope) {
  return listMerchantProducts(db, scope.merchant.id);
}

export async function productForEdit(db: Database, scope: MerchantScope, productId: string) {
  const product = await findMerchantProduct(db, scope.merchant.id, productId);
  if (!product) throw notFound('The product');
  return product;
}

function slugify(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'product'
  );
}

/** Product pages live at /products/{slug}: the slug comes from the name, made unique across all merchants. */
export async function createProduct(db: Database, scope: MerchantScope, fields: ProductFields, at: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await assertMayManage(tx, scope);
    if (await skuTaken(tx, scope.merchant.id, fields.sku, null)) throw conflict(MESSAGES.skuTaken);
    const base = slugify(`${fields.name}`);
    let slug = base;
    for (let i = 2; await slugTaken(tx, slug); i++) slug = `${base}-${i}`;
    const id = newId('p');
    await insertProduct(tx, { id, merchantId: scope.merchant.id, slug, ...fields, createdAt: at });
    return id;
  });
}

export async function updateProduct(db: Database, scope: MerchantScope, productId: string, fields: ProductFields): Promise<void> {
  await db.transaction(async (tx) => {
    await assertMayManage(tx, scope);
    if (!(await findMerchantProduct(tx, scope.merchant.id, productId))) throw notFound('The product');
    if (await skuTaken(tx, scope.merchant.id, fields.sku, productId)) throw conflict(MESSAGES.skuTaken);
    await updateMerchantProduct(tx, scope.merchant.id, productId, fields);
  });
}
